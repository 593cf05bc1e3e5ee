#pragma once
// Precompiled for every engine translation unit (see engine/CMakeLists.txt).
#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <vector>
