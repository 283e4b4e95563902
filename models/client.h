#pragma once
// The token logic inside one instance (or, with a node-scoped cache, one node agent): a token
// cache per audience, refresh (lazy or proactive, at a fraction or lead, with jitter), retries
// with backoff, single flight, static stability, invalidate-on-401 and secret fallback.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "models/client_policy.h"
#include "models/fetch_pool.h"
#include "models/metrics.h"
#include "models/token.h"
#include "sim/random.h"
#include "sim/simulator.h"

namespace models {

class World;

// Laid out so that a single-audience client — the Client and its one cache entry — lies in
// the kernel's prefetch span (sim::kHandlerPrefetchBytes): one event, one memory round trip.
class Client final : public sim::EventHandler {
 public:
  struct Placement {
    std::uint32_t fleet = 0;
    std::uint32_t node = 0;
    IdentityIndex identity = 0;
    PrincipalIndex principal = 0;  // == the identity's for a user identity
  };
  Client(World& world, const ClientPolicy& policy, Placement placement,
         const std::vector<ServiceIndex>& audiences, sim::Rng rng);
  Client(const Client&) = delete;  // entries_ may point into the object itself
  Client& operator=(const Client&) = delete;

  // A call to the target behind cache entry `entry`: counts its outcome now, or when the
  // fetch it waits on ends.
  void call(std::uint32_t entry);
  // Steady state at t = 0: a token of random age within its refresh interval.
  void warm_start();
  // A restart: the process dies (waiting calls fail) and a new one starts with no tokens.
  void restart();

  // Aggregated mode (models/quiet_calls.h): the instances this client serves (0 = not
  // running); whether an entry is quiet; judging an entry again after the world changed.
  void set_instances(std::uint32_t instances);
  bool quiet_as(std::uint32_t entry, Outcome outcome) const {
    return entries_[entry].quiet && entries_[entry].quiet_outcome == outcome;
  }
  void recheck(std::uint32_t entry) { update_quiet(entry); }
  void recheck_all();
  // The age of the token a quiet call in [from, to) used, drawn uniformly over that span.
  sim::Ticks quiet_token_age(std::uint32_t entry, sim::Ticks from, sim::Ticks to, sim::Rng& rng) const;

  void on_fetch_reply(std::uint32_t record);
  void on_event(std::uint64_t tag) override;

  const Placement& placement() const { return placement_; }
  bool holds_token(std::uint32_t entry) const { return entries_[entry].token.present(); }
  const Token& token(std::uint32_t entry) const { return entries_[entry].token; }
  std::uint32_t calls_waiting() const;

 private:
  // kStream: serial 0 = the entry's next exact call, 1 = its quiet spell ends (tags are 36 bits).
  enum Kind : std::uint64_t { kTimeout = 0, kRetry = 1, kRefresh = 2, kStream = 3 };
  struct Entry {
    ServiceIndex audience = 0;
    Token token;
    sim::Ticks exp_local = 0;         // the token's expiry on the client's clock (expiry_from)
    sim::Ticks refresh_at = 0;        // local clock
    sim::Ticks extended_until = -1;   // static stability: usable past exp until (local)
    sim::Ticks no_refresh_before = 0; // failure backoff (local)
    bool fetching = false;
    std::uint32_t attempt = 0;        // attempts made in the current fetch
    std::uint32_t attempt_serial = 0; // identifies the live attempt (stale replies differ)
    FetchStatus first_failure = FetchStatus::ok;
    sim::Ticks previous_delay = 0;    // decorrelated jitter
    sim::Ticks fetch_started = 0;
    std::uint32_t waiting_calls = 0;
    sim::EventId timeout_event;
    sim::EventId refresh_event;
    // Aggregated mode: quiet (calls counted by the fleet) or active (own stream of calls).
    bool quiet = false;
    Outcome quiet_outcome = Outcome::ok;  // what each of its quiet calls gets
    sim::Ticks quiet_since = 0;   // true time
    // The pending check of the quiet spell relied on (true time; -1 none). Checks are never
    // cancelled — a cancelled event an hour ahead costs every dispatch a lookup — so a check
    // that fires at another time than this one is stale.
    sim::Ticks quiet_check_at = -1;
    sim::Ticks quiet_check_latest = -1;  // the latest check still pending (reused, not doubled)
    sim::EventId call_event;
  };

  void call_exact(std::uint32_t entry);
  bool inert(const Entry& e) const;
  std::optional<Outcome> quiet_outcome(const Entry& e) const;
  sim::Ticks quiet_until(const Entry& e) const;
  void update_quiet(std::uint32_t entry);
  void leave_quiet(std::uint32_t entry);
  void start_stream(std::uint32_t entry);
  void on_stream_call(std::uint32_t entry);
  sim::Ticks local_now() const;
  bool usable(const Entry& e) const;
  bool in_refresh_window(const Entry& e) const;
  void count_use(Entry& e, Outcome outcome_if_any, std::uint64_t calls);
  void serve_with_token(Entry& e, std::uint64_t calls);
  void start_fetch(std::uint32_t entry);
  void send_attempt(std::uint32_t entry);
  void send_extra_request(std::uint32_t entry);
  void attempt_failed(std::uint32_t entry, FetchStatus status);
  void fetch_succeeded(std::uint32_t entry, const Token& token);
  void fetch_failed(std::uint32_t entry);
  void resolve_waiting(Entry& e, bool fetched);
  sim::Ticks retry_delay(Entry& e, FetchStatus status);
  // Keeps `token` in the entry, with its expiry read per expiry_from; received now.
  void hold(Entry& e, const Token& token);
  // Local time, jitter included; `received` is the local time the token arrived.
  sim::Ticks refresh_point(sim::Ticks exp_local, sim::Ticks received);
  void schedule_refresh(std::uint32_t entry, sim::Ticks received);
  sim::Ticks draw(sim::Ticks low, sim::Ticks high);
  std::uint64_t tag(Kind kind, std::uint32_t entry, std::uint32_t serial) const {
    return (static_cast<std::uint64_t>(kind) << 34) | (static_cast<std::uint64_t>(entry) << 26) |
           (serial & ((1u << 26) - 1));
  }

  World& world_;
  const ClientPolicy& policy_;
  Placement placement_;
  sim::Rng rng_;
  std::uint32_t instances_ = 0;  // aggregated mode: instances served (0 = not running)
  std::span<Entry> entries_;    // inline_entries_, or heap_entries_ for more audiences
  std::vector<Entry> heap_entries_;
  std::array<Entry, 1> inline_entries_;
};
// The other side of the layout promise above: an object at a 16-byte boundary (operator
// new's) lies in the prefetched lines if it ends within the prefetch span less 48 bytes.
static_assert(sizeof(Client) + 64 - alignof(std::max_align_t) <= sim::kHandlerPrefetchBytes);

}  // namespace models
