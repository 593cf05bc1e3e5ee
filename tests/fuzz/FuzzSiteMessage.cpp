// One site message decoder of engine/src/federation/SiteMessages.cpp (what an agent decodes from the network,
// and the coordinator from an agent's reply), chosen at compile time: FP_FUZZ_DECODER names the function.
// What a decoder accepts must encode again into bytes it accepts too.
#include "FuzzSupport.h"

#include "fedpilot/engine/Site.h"

#ifndef FP_FUZZ_DECODER
#error "FP_FUZZ_DECODER must name a decoder of fedpilot/engine/Site.h, e.g. decodeTrainRequest"
#endif

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    auto message = fp::engine::FP_FUZZ_DECODER(fp::fuzz::asBytes(data, size), "fuzz input");
    if (!message) {
        return 0;
    }
    const auto encoded = fp::engine::encode(*message);
    if (auto again = fp::engine::FP_FUZZ_DECODER(encoded, "re-encoded"); !again) {
        std::fprintf(stderr, "a decoded message does not decode after encoding: %s\n", again.error().message.c_str());
        std::abort();
    }
    return 0;
}
