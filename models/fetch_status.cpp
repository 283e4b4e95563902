#include "models/fetch_status.h"

namespace models {

std::string_view to_string(FetchStatus status) {
  switch (status) {
    case FetchStatus::ok: return "ok";
    case FetchStatus::bad_request: return "400";
    case FetchStatus::not_found: return "404";
    case FetchStatus::gone: return "410";
    case FetchStatus::throttled: return "429";
    case FetchStatus::server_error: return "5xx";
    case FetchStatus::timeout: return "timeout";
  }
  return "unknown";
}

}  // namespace models
