# SPDX-License-Identifier: MIT
# How the product's modules are built, and how their layering is enforced by the build.
#
# A module's headers are reached as "module/Header.h". No target has the project root on its
# include path: each module exports only its own folder, through a folder of links in the build
# tree (include/<module>/<module> -> the source folder), and a target sees a module's headers only
# when it links that module. So layout/ cannot include "model/Sqlite.h" or "importers/...": it
# links spanscope_model_data, whose export holds just the plain data headers (below), one link per
# file, so such a header cannot pull in another model header either (docs/ARCHITECTURE.md).

# spanscope_export_folder(TARGET MODULE): TARGET's users (and TARGET) include MODULE's headers.
function(spanscope_export_folder target module)
    set(root ${PROJECT_BINARY_DIR}/include/${module})
    file(MAKE_DIRECTORY ${root})
    file(CREATE_LINK ${PROJECT_SOURCE_DIR}/${module} ${root}/${module} SYMBOLIC)
    target_include_directories(${target} PUBLIC ${root})
endfunction()

# spanscope_export_headers(TARGET NAME MODULE HEADERS...): only these headers of MODULE.
function(spanscope_export_headers target name module)
    set(root ${PROJECT_BINARY_DIR}/include/${name})
    file(REMOVE_RECURSE ${root})
    file(MAKE_DIRECTORY ${root}/${module})
    foreach(header ${ARGN})
        file(CREATE_LINK ${PROJECT_SOURCE_DIR}/${module}/${header} ${root}/${module}/${header} SYMBOLIC)
    endforeach()
    target_include_directories(${target} PUBLIC ${root})
endfunction()

# spanscope_module(TARGET MODULE [EXCLUDE files...]): a module's static library from every .cpp
# under its folder (globbing, re-checked at build time, lets a new file join its module without
# editing a shared list), exporting the folder.
function(spanscope_module target module)
    cmake_parse_arguments(ARG "" "" "EXCLUDE" ${ARGN})
    file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
    foreach(excluded ${ARG_EXCLUDE})
        list(REMOVE_ITEM sources ${CMAKE_CURRENT_SOURCE_DIR}/${excluded})
    endforeach()
    add_library(${target} STATIC ${sources})
    target_link_libraries(${target} PRIVATE spanscope_settings)
    spanscope_export_folder(${target} ${module})
endfunction()
