// Float32 vector and matrix types shared by the whole engine (Eigen, column-major).
#pragma once
#include <Eigen/Core>

namespace phasor {

using Vec = Eigen::VectorXf;
using Mat = Eigen::MatrixXf;
using VecRef = Eigen::Ref<Vec>;
using CVecRef = Eigen::Ref<const Vec>;

} // namespace phasor
