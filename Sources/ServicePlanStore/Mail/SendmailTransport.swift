import Foundation
import ServicePlanDomain

/// Hands each message to a local `sendmail`-compatible command (`sendmail -t -i`; `msmtp -t`,
/// which speaks SMTP with STARTTLS and authentication to the council's relay: docs/reminders.md).
/// serviceplan speaks no SMTP itself: a maintained mail program does, and queues or reports
/// failures through its exit status, which makes the outbox try again.
public struct SendmailTransport: MailTransport {
    /// The program and its arguments, run directly (no shell), with the message on standard input.
    public let command: [String]
    /// How long one hand-over may take before it counts as failed.
    public let timeout: TimeInterval
    /// The right-hand side of each Message-ID: the host of the site's public address
    /// (`--public-url`), so ids are the council's own and unique across installations.
    public let messageDomain: String

    public init(command: [String], timeout: TimeInterval = 60, messageDomain: String = "localhost") {
        self.command = command
        self.timeout = timeout
        self.messageDomain = messageDomain
    }

    /// The host of a public address (`https://plans.council.gov.uk/…` → `plans.council.gov.uk`).
    public static func messageDomain(publicURL: String) -> String {
        let host = URLComponents(string: publicURL)?.host?.lowercased() ?? ""
        let clean = host.filter { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }
        return clean.isEmpty ? "localhost" : clean
    }

    /// Splits a command line on spaces, as `--sendmail` takes it.
    public static func parse(_ commandLine: String) -> [String] {
        commandLine.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }

    public func send(_ message: MailMessage, from: String) async throws {
        guard let program = command.first else { throw MailSendError("no mail command is configured") }
        // An address only a header-cleaning could make fit would reach someone else: refuse it.
        guard MailFormat.header(message.toAddress) == message.toAddress,
              !message.toAddress.contains(where: { "<>\",;: ".contains($0) }) else {
            throw MailSendError("\(message.toAddress) is not an address mail can be sent to")
        }
        let text = MailFormat.render(message, from: from, date: Date(), messageID: "\(Secret.token())@\(messageDomain)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = Array(command.dropFirst())
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        let run = CommandRun()
        let timeout = timeout
        // Foundation reports a process's end only once every copy of its pipes is closed, so a
        // command that leaves a child behind holding one would keep this send waiting: after the
        // timeout, SIGTERM, after two more seconds SIGKILL, and after one more the send gives up
        // waiting and fails either way.
        let timer = Task {
            try await Task.sleep(for: .seconds(timeout))
            guard !run.isFinished else { return }
            process.terminate()
            try await Task.sleep(for: .seconds(2))
            if !run.isFinished { kill(process.processIdentifier, SIGKILL) }
            try await Task.sleep(for: .seconds(1))
            run.finish(.failure(MailSendError("\(program) took longer than \(Int(timeout)) seconds")))
        }
        defer { timer.cancel() }
        let status: Int32 = try await withTaskCancellationHandler { try await withCheckedThrowingContinuation { continuation in
            run.start(continuation)
            guard !run.isFinished else { return }
            process.terminationHandler = { run.finish(.success($0.terminationStatus)) }
            do {
                try process.run()
            } catch {
                run.finish(.failure(MailSendError("could not start \(program): \(error.localizedDescription)")))
                return
            }
            // Cancelled while starting: the handler below found nothing running to stop.
            if run.isFinished { process.terminate() }
            // Writing and reading on their own threads: a command that neither reads its input
            // nor stops writing output cannot block a task of the server's pool.
            Thread {
                try? input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
                try? input.fileHandleForWriting.close()
            }.start()
            Thread { run.setOutput(output.fileHandleForReading.readDataToEndOfFile()) }.start()
        } } onCancel: {
            // The server is shutting down: stop the command and give up this send (the message
            // stays in the outbox).
            run.finish(.failure(MailSendError("stopped: the server is shutting down")))
            // Foundation traps on terminating a process not yet started; one starting now is
            // stopped by the start itself, which sees the run finished.
            if process.isRunning { process.terminate() }
        }
        guard status == 0 else {
            let said = String(decoding: run.output(waiting: 1).prefix(500), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw MailSendError("\(program) exited with status \(status)\(said.isEmpty ? "" : ": \(said)")")
        }
    }
}

/// One run of the command: its result, given once (by its end, a failure to start, or the
/// timeout, whichever comes first), and what it wrote.
private final class CommandRun: @unchecked Sendable {
    private let condition = NSCondition()
    private var continuation: CheckedContinuation<Int32, any Error>?
    private var finished = false
    private var written: Data?

    private var early: Result<Int32, any Error>?

    /// Hands over the continuation; resumed at once if the run already finished (cancelled
    /// before it started).
    func start(_ continuation: CheckedContinuation<Int32, any Error>) {
        let result: Result<Int32, any Error>? = condition.withLock {
            if let early { return early }
            self.continuation = continuation
            return nil
        }
        if let result { continuation.resume(with: result) }
    }

    func finish(_ result: Result<Int32, any Error>) {
        let waiting: CheckedContinuation<Int32, any Error>? = condition.withLock {
            guard !finished else { return nil }
            finished = true
            if continuation == nil { early = result }
            defer { continuation = nil }
            return continuation
        }
        waiting?.resume(with: result)
    }

    var isFinished: Bool { condition.withLock { finished } }

    func setOutput(_ data: Data) {
        condition.withLock {
            written = data
            condition.broadcast()
        }
    }

    /// The output, waiting up to `seconds` for the command to close it.
    func output(waiting seconds: TimeInterval) -> Data {
        condition.withLock {
            let deadline = Date().addingTimeInterval(seconds)
            while written == nil, condition.wait(until: deadline) {}
            return written ?? Data()
        }
    }
}
