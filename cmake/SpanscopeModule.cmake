# SPDX-License-Identifier: MIT
# spanscope_module(TARGET) builds a module's static library from every .cpp under its folder.
# Globbing (re-checked at build time) lets a new file join its module without editing a shared list.
function(spanscope_module target)
    file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
    add_library(${target} STATIC ${sources})
    target_link_libraries(${target} PRIVATE spanscope_settings)
endfunction()
