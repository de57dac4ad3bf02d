import CommonsCore
import CommonsGit
import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// `commons serve`: builds the commons into memory, serves it over HTTP, and rebuilds it whenever a
/// file it reads changes, telling open pages to reload.
public enum Serve {
    /// Runs until SIGINT or SIGTERM. `log` hears the address, then one line per build, and with
    /// `verbose` another with the time of each of its stages.
    public static func run(_ plan: BuildPlan, host: String, port: Int, verbose: Bool = false, log: @escaping @Sendable (String) -> Void) async throws {
        let state = SiteState()
        let router = Router()
        router.add(middleware: ServeMiddleware(state: state))
        router.add(middleware: FileMiddleware(fileProvider: SiteFileProvider(state: state), cacheControl: .init([(MediaType(type: .any), [.noCache])]),
                                              searchForIndexHtml: true).withAdditionalMediaTypes(forFileExtensions: textTypes))
        router.get(RouterPath(ReloadScript.eventsPath)) { request, _ in reloadEvents(request, state) }

        var logger = Logger(label: "commons serve")
        logger.logLevel = .error
        let (address, addressKnown) = AsyncStream.makeStream(of: String.self)
        let budget = ConnectionBudget.withinDescriptorLimit()
        let app = Application(
            router: router,
            server: .http1(configuration: .init(additionalChannelHandlers: [ConnectionBudgetHandler(budget)], idleTimeout: idleTimeout)),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            services: [Rebuilds(plan: plan, state: state, address: address, verbose: verbose, log: log)],
            onServerRunning: { channel in
                let url = "http://\(host.contains(":") ? "[\(host)]" : host):\(channel.localAddress?.port ?? port)/"
                log("Serving \(url) (Ctrl-C stops)")
                addressKnown.yield(url)
                addressKnown.finish()
            },
            logger: logger
        )
        try await app.runService()
    }

    /// The site's text files are UTF-8; the file middleware's own table names no charset, and none for Markdown.
    private static let textTypes: [String: MediaType] = [
        "html": MediaType(type: .text, subType: "html", parameter: ("charset", "utf-8")),
        "css": MediaType(type: .text, subType: "css", parameter: ("charset", "utf-8")),
        "md": MediaType(type: .text, subType: "markdown", parameter: ("charset", "utf-8")),
        "txt": MediaType(type: .text, subType: "plain", parameter: ("charset", "utf-8")),
        "json": MediaType(type: .application, subType: "json", parameter: ("charset", "utf-8")),
        "xml": MediaType(type: .application, subType: "xml", parameter: ("charset", "utf-8")),
    ]

    /// How long a connection may wait without a request before it is closed. A browser opens another
    /// when it needs one; a connection that never sends anything would otherwise hold its descriptor for
    /// ever. A live-reload stream is never idle: it is answering a request.
    private static let idleTimeout = TimeAmount.seconds(10)

    /// A stream of server-sent events, one `reload` for each build, until the page goes away or the
    /// server stops; 503 when too many pages listen already.
    private static func reloadEvents(_ request: Request, _ state: SiteState) -> Response {
        guard let builds = state.listen() else {
            return Response(status: .serviceUnavailable, headers: [.contentType: "text/plain; charset=utf-8", .retryAfter: "60"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: "Too many pages are listening for builds.\n")))
        }
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
            body: ResponseBody { writer in
                // Between builds nothing is written, so no failed write tells that the page went away:
                // its closing the connection does. Without this the stream waited for the next build
                // with its socket in CLOSE_WAIT, and every page ever opened kept its memory.
                try await request.body.consumeWithCancellationOnInboundClose { _ in
                    try await writer.write(ByteBuffer(string: "retry: 1000\n: waiting for builds\n\n"))
                    for await version in builds.cancelOnGracefulShutdown() {
                        try await writer.write(ByteBuffer(string: "event: reload\ndata: \(version)\n\n"))
                    }
                }
                try await writer.finish(nil)
            }
        )
    }
}

/// Builds once the server's address is known (it is the site's base URL), then again after each burst
/// of changes to the files the build reads.
private struct Rebuilds: Service {
    let plan: BuildPlan
    let state: SiteState
    let address: AsyncStream<String>
    let verbose: Bool
    let log: @Sendable (String) -> Void

    func run() async throws {
        guard let url = await address.first(where: { _ in true }) else { return }
        var plan = plan
        plan.overrides.baseURL = url
        // Watching starts before the first build, so that an edit made during it is not missed.
        let changes = watch(plan)
        let builder = Builder(LiveBuild(plan), verbose: verbose)
        await builder.build(state, log: log, first: true)
        if let changes {
            for await _ in changes.cancelOnGracefulShutdown() {
                await builder.build(state, log: log, first: false)
            }
        }
        // A service that returns stops the server with it; this one has served its part.
        try? await gracefulShutdown()
    }

    /// The bursts of changes to the files the build reads; nil, and a line in the log, when they cannot be watched.
    private func watch(_ plan: BuildPlan) -> AsyncStream<Void>? {
        guard let repository = try? Repository(discoveringFrom: plan.path), let root = repository.workingDirectory else {
            log("Not watching for changes: the repository has no working directory")
            return nil
        }
        let (changes, changed) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let stopped = StopFlag()
        changed.onTermination = { _ in stopped.stop() }
        let log = self.log
        let thread = Thread {
            // The ignore rules are read with a repository handle of this thread's own.
            do {
                let ignores = try Repository(discoveringFrom: root)
                let watcher = try FolderWatcher(root: root, skipFolder: { (try? ignores.isIgnored($0 + "/")) ?? false })
                watcher.run(isStopped: stopped.isStopped) { changed.yield() }
            } catch {
                log("Not watching for changes: \(error)")
            }
            changed.finish()
        }
        thread.start()
        return changes
    }
}

/// Runs builds one at a time on a thread of their own, off the threads that answer requests.
private final class Builder: @unchecked Sendable {
    private let live: LiveBuild
    private let verbose: Bool
    private let queue = DispatchQueue(label: "commons serve builds")

    init(_ live: LiveBuild, verbose: Bool) {
        self.live = live
        self.verbose = verbose
    }

    func build(_ state: SiteState, log: @escaping @Sendable (String) -> Void, first: Bool) async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            queue.async {
                do {
                    guard let site = try self.live.build() else {
                        // Nothing the build reads changed, but an attachment may have: serve it afresh.
                        state.refresh()
                        return done.resume()
                    }
                    state.publish(.ready(site))
                    log(Self.summary(site, first: first))
                    if self.verbose { log(BuildReport.Phase.line(site.phases)) }
                } catch {
                    state.publish(.failed("\(error)"))
                    log("Build failed: \(error)")
                }
                done.resume()
            }
        }
    }

    private static func summary(_ site: LiveSite, first: Bool) -> String {
        let errors = site.errors
        let warnings = site.diagnostics.count - errors.count
        let what = first ? "Built \(site.notes) notes" : "Rebuilt: \(site.renderedNotes) of \(site.notes) notes rendered"
        var line = "\(what) in \(String(format: "%.3f", site.seconds)) s, \(errors.count) errors, \(warnings) warnings"
        for error in errors.prefix(ReloadScript.listedProblems) { line += "\n\(error)" }
        return line
    }
}

private final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var stopped = false

    func stop() { lock.withLock { stopped = true } }
    func isStopped() -> Bool { lock.withLock { stopped } }
}
