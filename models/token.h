#pragma once
// A token as the STS issues it. Times are true (STS) time; clients judge them by their own
// node clock, targets by theirs.
#include <cstdint>

#include "sim/time.h"

namespace models {

using IdentityIndex = std::uint32_t;
using ServiceIndex = std::uint32_t;
// One identity object (models/principals.h): a user identity, or one instance's system identity.
using PrincipalIndex = std::uint32_t;

struct Token {
  std::uint64_t serial = 0;  // unique per issuance; 0 = no token
  IdentityIndex identity = 0;    // the scenario's identity (TTL, reports)
  PrincipalIndex principal = 0;  // the object it was issued to (IAM, targets, caches)
  std::uint32_t generation = 0;  // the principal's object generation at issuance
  ServiceIndex audience = 0;
  std::uint32_t issuer = 0;  // 0 = the trusted issuer; a mismatch fault changes what targets trust
  bool role_granted = false;  // the role snapshot for its audience, for roles_in_token targets
  sim::Ticks iat = 0;
  sim::Ticks exp = 0;

  bool present() const { return serial != 0; }
  sim::Ticks lifetime() const { return exp - iat; }
};
// Every client entry and request in flight holds one: the flag sits in the 32-bit fields'
// padding so a token stays 48 bytes.
static_assert(sizeof(Token) == 48);

}  // namespace models
