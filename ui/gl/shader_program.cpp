// Reading, compiling and linking GLSL programs (see shader_program.hpp).
#include "ui/gl/shader_program.hpp"

#include "ui/readable_file.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <glad/gl.h>
#include <optional>
#include <utility>

namespace phasor::ui {

namespace fs = std::filesystem;

// A shader is a few kilobytes; a megabyte is no shader of ours.
constexpr std::uintmax_t kMaxShaderBytes = 1u << 20;

ShaderSource read_shader(const fs::path& path) {
    // Checked first: a FIFO would hang the start and /dev/zero would be read until memory ran out.
    std::string reason;
    std::optional<std::string> text = read_own_file(path, reason, kMaxShaderBytes);
    if (!text) throw ShaderError("cannot read " + reason);
    if (text->empty()) throw ShaderError(fmt::format("cannot read {}: the file is empty", path.string()));
    return ShaderSource{path, std::move(*text)};
}

namespace {

std::string info_log(GLuint object, bool is_program) {
    GLint length = 0;
    if (is_program)
        glGetProgramiv(object, GL_INFO_LOG_LENGTH, &length);
    else
        glGetShaderiv(object, GL_INFO_LOG_LENGTH, &length);
    std::string log(static_cast<std::size_t>(std::max(length, 1)), '\0');
    GLsizei written = 0;
    if (is_program)
        glGetProgramInfoLog(object, length, &written, log.data());
    else
        glGetShaderInfoLog(object, length, &written, log.data());
    log.resize(static_cast<std::size_t>(written));
    while (!log.empty() && (log.back() == '\n' || log.back() == '\0')) log.pop_back();
    return log.empty() ? std::string("(the driver gave no log)") : log;
}

GLuint compile(GLenum stage, const ShaderSource& source) {
    const GLuint shader = glCreateShader(stage);
    if (shader == 0)
        throw ShaderError(fmt::format("cannot compile {}: glCreateShader failed", source.path.string()));
    const char* text = source.text.c_str();
    const auto length = static_cast<GLint>(source.text.size());
    glShaderSource(shader, 1, &text, &length);
    glCompileShader(shader);
    GLint ok = GL_FALSE;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (ok != GL_TRUE) {
        std::string log = info_log(shader, false);
        glDeleteShader(shader);
        throw ShaderError(fmt::format("cannot compile {}:\n{}", source.path.string(), log));
    }
    return shader;
}

} // namespace

ShaderProgram ShaderProgram::load(const fs::path& dir, std::string_view name) {
    const ShaderSource vertex = read_shader(dir / fmt::format("{}.vert", name));
    const ShaderSource fragment = read_shader(dir / fmt::format("{}.frag", name));
    return ShaderProgram(vertex, fragment);
}

ShaderProgram::ShaderProgram(const ShaderSource& vertex, const ShaderSource& fragment) {
    const GLuint vs = compile(GL_VERTEX_SHADER, vertex);
    GLuint fs_id = 0;
    try {
        fs_id = compile(GL_FRAGMENT_SHADER, fragment);
    } catch (...) {
        glDeleteShader(vs);
        throw;
    }
    program_ = glCreateProgram();
    glAttachShader(program_, vs);
    glAttachShader(program_, fs_id);
    glLinkProgram(program_);
    // The program keeps what it linked; the stages are no longer needed either way.
    glDetachShader(program_, vs);
    glDetachShader(program_, fs_id);
    glDeleteShader(vs);
    glDeleteShader(fs_id);
    GLint ok = GL_FALSE;
    glGetProgramiv(program_, GL_LINK_STATUS, &ok);
    if (ok != GL_TRUE) {
        std::string log = info_log(program_, true);
        glDeleteProgram(program_);
        program_ = 0;
        throw ShaderError(
            fmt::format("cannot link {} with {}:\n{}", vertex.path.string(), fragment.path.string(), log));
    }
}

ShaderProgram::ShaderProgram(ShaderProgram&& other) noexcept : program_(std::exchange(other.program_, 0)) {}

ShaderProgram& ShaderProgram::operator=(ShaderProgram&& other) noexcept {
    if (this != &other) {
        if (program_) glDeleteProgram(program_);
        program_ = std::exchange(other.program_, 0);
    }
    return *this;
}

ShaderProgram::~ShaderProgram() {
    if (program_) glDeleteProgram(program_);
}

int ShaderProgram::uniform(const char* name) const {
    return glGetUniformLocation(program_, name);
}

} // namespace phasor::ui
