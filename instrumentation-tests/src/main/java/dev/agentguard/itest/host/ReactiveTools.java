package dev.agentguard.itest.host;

import dev.agentguard.AgentTool;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Tools of a reactive host (WebFlux, an MCP async server): they return a Mono or a Flux, and the work
 * happens on a Reactor thread when someone subscribes.
 */
public class ReactiveTools {
  /** Fetches a page when subscribed to, on a Reactor thread. */
  @AgentTool("fetch_page_reactive")
  public Mono<String> fetch(String id) {
    return Mono.fromCallable(() -> {
      if ("missing".equals(id)) {
        throw new IllegalStateException("Page " + id + " not found");
      }
      return "evil".equals(id) ? Inbox.EVIL : Inbox.CLEAN;
    }).subscribeOn(Schedulers.boundedElastic());
  }

  /** Search results, one e-mail at a time. */
  @AgentTool("search_mail_reactive")
  public Flux<String> search(String query) {
    return Flux.just(Inbox.CLEAN, "evil".equals(query) ? Inbox.EVIL : Inbox.CLEAN, Inbox.CLEAN)
        .publishOn(Schedulers.parallel());
  }
}
