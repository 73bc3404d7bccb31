#include "app/http_server.hpp"

#include <CivetServer.h>

#include <stdexcept>

namespace wiredesk {

namespace {

void reply(mg_connection* conn, int status, const char* content_type, const std::string& body) {
  const char* reason = status == 200 ? "OK" : "Service Unavailable";
  mg_printf(conn,
            "HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\n"
            "Cache-Control: no-store\r\nConnection: close\r\n\r\n",
            status, reason, content_type, body.size());
  mg_write(conn, body.data(), body.size());
}

class FnHandler final : public CivetHandler {
 public:
  explicit FnHandler(std::function<void(mg_connection*)> fn) : fn_(std::move(fn)) {}
  bool handleGet(CivetServer*, mg_connection* conn) override {
    fn_(conn);
    return true;
  }

 private:
  std::function<void(mg_connection*)> fn_;
};

}  // namespace

struct HttpServer::Impl {
  HttpHandlers handlers;
  FnHandler metrics{[this](mg_connection* c) {
    reply(c, 200, "text/plain; version=0.0.4; charset=utf-8", handlers.metrics());
  }};
  FnHandler healthz{[](mg_connection* c) { reply(c, 200, "text/plain", "ok\n"); }};
  FnHandler readyz{[this](mg_connection* c) {
    std::string reason;
    if (handlers.ready(reason)) {
      reply(c, 200, "text/plain", "ready\n");
    } else {
      reply(c, 503, "text/plain", "not ready: " + reason + "\n");
    }
  }};
  std::unique_ptr<CivetServer> server;
};

HttpServer::HttpServer(const std::string& listen, HttpHandlers handlers)
    : impl_(std::make_unique<Impl>()) {
  impl_->handlers = std::move(handlers);
  std::vector<std::string> options = {"listening_ports", listen, "num_threads", "4",
                                      "request_timeout_ms", "10000"};
  try {
    impl_->server = std::make_unique<CivetServer>(options);
  } catch (const CivetException& e) {
    throw std::runtime_error("cannot listen on " + listen + ": " + e.what());
  }
  impl_->server->addHandler("/metrics", impl_->metrics);
  impl_->server->addHandler("/healthz", impl_->healthz);
  impl_->server->addHandler("/readyz", impl_->readyz);
}

HttpServer::~HttpServer() {
  if (impl_->server) impl_->server->close();
}

}  // namespace wiredesk
