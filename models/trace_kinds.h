#pragma once
// The kinds of sim::TraceRecord the models emit through sim::Simulator::emit. The kernel
// passes them to the attached sim::Observer (on_record) without reading them; with no
// observer attached an emit costs one branch. Tests attach an observer to see when things
// happen (tests/models/preset_behaviour_test.cpp); nothing in a run depends on them.
#include <cstdint>

namespace models {

// A token request arrives at a node's metadata endpoint (models/metadata_endpoint.cpp,
// MetadataEndpoint::receive), before the endpoint decides anything (blocked, throttled, …).
//   subject = the node index;
//   value   = the client's attempt serial, or 0 for a load-only request (the extra requests
//             of a multi-request protocol such as IMDSv2, or of a non-single-flight client).
inline constexpr std::uint32_t kTraceEndpointRequest = 1;

// Calls counted with one outcome (models/world.cpp, World::count_calls).
//   subject = (fleet << 8) | static_cast<std::uint8_t>(Outcome);
//   value   = the number of calls.
inline constexpr std::uint32_t kTraceCallOutcome = 2;

}  // namespace models
