import Foundation
import ServiceLifecycle

/// Wakes the mail service before its next tick: a return was just submitted, or someone asked
/// for a password-reset link. Nudges while a pass runs fold into one more pass.
public struct MailWake: Sendable {
    let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    public init() {
        (stream, continuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    public func nudge() { continuation.yield() }
}

/// `serve`'s mail schedule, a service of its service group: a pass (`Mailer.sweep`) every
/// `interval` and whenever nudged, until graceful shutdown. A pass never throws, so a mail server
/// or database outage is logged and tried again on the next tick rather than stopping the server.
public struct MailService: Service {
    let mailer: Mailer
    let interval: Duration
    let wake: MailWake
    /// Awaited before the first pass: on PostgreSQL, until the migrations have run.
    let ready: @Sendable () async -> Void

    public init(mailer: Mailer, interval: Duration, wake: MailWake, ready: @escaping @Sendable () async -> Void = {}) {
        self.mailer = mailer
        self.interval = interval
        self.wake = wake
        self.ready = ready
    }

    public func run() async throws {
        await ready()
        guard !Task.isCancelled else { return }
        let wake = wake, interval = interval
        await withDiscardingTaskGroup { group in
            group.addTask {
                while !Task.isCancelled {
                    wake.nudge()
                    try? await Task.sleep(for: interval)
                }
            }
            for await _ in wake.stream.cancelOnGracefulShutdown() {
                // A pass in progress is cancelled on shutdown: a hung mail command is stopped
                // and the messages not yet sent wait in the outbox for the next start.
                try? await cancelWhenGracefulShutdown { await mailer.sweep() }
            }
            group.cancelAll()
        }
    }
}
