// Data sets loaded once per process and shared, read-only, by every run that trains on them: the seeds of a
// `phasor run --seeds` in parallel, and the app's resets and rebuilds, which would otherwise read and decode
// 60,000 images again each time.
#pragma once
#include "engine/data/dataset.hpp"

#include <memory>
#include <string>

namespace phasor {

// The MNIST-like folder `dir` (Fashion-MNIST's class names when it is Debian's folder or holds "fashion" in
// its name, the digits otherwise). Throws DataError as load_image_folder does.
std::shared_ptr<const DataSplit> shared_image_folder(const std::string& dir);

} // namespace phasor
