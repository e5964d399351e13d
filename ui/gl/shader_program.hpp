// A GLSL program built from <dir>/<name>.vert and <dir>/<name>.frag. The files are read before any GL call,
// so a missing file is reported the same way with or without a context; every failure names the file and, for
// compile and link errors, carries the driver's log with its line numbers.
#pragma once
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

namespace phasor::ui {

class ShaderError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct ShaderSource {
    std::filesystem::path path;
    std::string text;
};

// Reads one shader file. Throws ShaderError("cannot read <path>: <reason>").
ShaderSource read_shader(const std::filesystem::path& path);

class ShaderProgram {
  public:
    // Reads both files, then compiles and links. Needs a current GL 3.3 context only once both files are
    // read.
    static ShaderProgram load(const std::filesystem::path& dir, std::string_view name);
    ShaderProgram(const ShaderSource& vertex, const ShaderSource& fragment);

    ShaderProgram(ShaderProgram&& other) noexcept;
    ShaderProgram& operator=(ShaderProgram&& other) noexcept;
    ShaderProgram(const ShaderProgram&) = delete;
    ShaderProgram& operator=(const ShaderProgram&) = delete;
    ~ShaderProgram();

    unsigned id() const { return program_; }
    // -1 when the program has no such active uniform (GL drops unused ones), which glUniform* ignores.
    int uniform(const char* name) const;

  private:
    unsigned program_ = 0;
};

} // namespace phasor::ui
