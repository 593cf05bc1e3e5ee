// The LibTorch-free part of Lora.h (trial files validate target names with it; LoraState.cpp does the rest).
#include "fedpilot/engine/Lora.h"

namespace fp::engine {

const std::vector<std::string> &loraModuleNames() {
    static const std::vector<std::string> names = {"q_proj",    "k_proj",  "v_proj",   "o_proj",
                                                   "gate_proj", "up_proj", "down_proj"};
    return names;
}

} // namespace fp::engine
