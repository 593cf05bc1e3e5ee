#pragma once
// Precompiled for every engine translation unit (see engine/CMakeLists.txt).
#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <vector>
