// One HTTP listener (http.listen) for /metrics, /healthz and /readyz.
#pragma once

#include <functional>
#include <memory>
#include <string>

namespace wiredesk {

struct HttpHandlers {
  std::function<std::string()> metrics;        // Prometheus text
  std::function<bool(std::string&)> ready;     // true when ready; fills a reason when not
};

class HttpServer {
 public:
  // Throws std::runtime_error when the address cannot be bound.
  HttpServer(const std::string& listen, HttpHandlers handlers);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace wiredesk
