// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace spanscope {

// A value or an error message: how the model and importers report failure to their callers
// (docs/ARCHITECTURE.md, "Conventions": loaders never open dialogs; errors are values). C++23's std::expected
// in small.
template<class T>
class Result
{
public:
    Result(T value) : m_value(std::move(value)) {}
    static Result failure(std::string error) // NOLINT(performance-unnecessary-value-param): moved; clang-tidy
                                             // 14 misreads it in templates
    {
        Result result;
        result.m_error = std::move(error);
        return result;
    }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    T& value() { return *m_value; }
    const T& value() const { return *m_value; }
    T* operator->() { return &*m_value; }
    const T* operator->() const { return &*m_value; }
    T& operator*() { return *m_value; }
    const T& operator*() const { return *m_value; }
    const std::string& error() const { return m_error; }

private:
    Result() = default;
    std::optional<T> m_value;
    std::string m_error;
};

} // namespace spanscope
