import NIOCore
import NIOHTTPTypes

/// Tells a `ConnectionBudget` when its connection opens, starts and finishes answering requests, and
/// closes; and closes the connection the budget says must go. One per connection, on its event loop.
final class ConnectionBudgetHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let budget: ConnectionBudget
    private var id: Int?
    /// Requests read and not yet answered: a client may send the next before the answer to the last.
    private var unanswered = 0

    init(_ budget: ConnectionBudget) {
        self.budget = budget
    }

    // The handler may be added before or after the connection becomes active; it counts it once.
    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { open(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        open(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        close()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        close()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data), let id {
            unanswered += 1
            if unanswered == 1 { budget.busy(id) }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data), let id, unanswered > 0 {
            unanswered -= 1
            if unanswered == 0 { budget.idle(id) }
        }
        context.write(data, promise: promise)
    }

    private func open(_ context: ChannelHandlerContext) {
        guard id == nil else { return }
        let (id, evicted) = budget.opened(context.channel)
        self.id = id
        evicted?.close(promise: nil)
    }

    private func close() {
        guard let id else { return }
        budget.closed(id)
        self.id = nil
    }
}

@available(*, unavailable)
extension ConnectionBudgetHandler: Sendable {}
