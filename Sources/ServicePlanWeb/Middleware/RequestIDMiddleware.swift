import HTTPTypes
import Hummingbird

/// Every response names its request: `X-Request-Id` carries the id Hummingbird gives the request
/// and puts in every log line written while serving it, so an operator can find a user's failed
/// request in the logs of whichever instance served it.
struct RequestIDMiddleware<Context: RequestContext>: RouterMiddleware {
    static var header: HTTPField.Name { HTTPField.Name("X-Request-Id")! }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await responseOrError(request, context: context, next: next)
        response.headers[Self.header] = context.id
        return response
    }
}

extension RouterMiddleware where Context: RequestContext {
    /// What `next` answers, or the response an `HTTPResponseError` it throws stands for: so a
    /// header the middleware adds reaches error responses too.
    func responseOrError(_ request: Request, context: Context,
                         next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPResponseError {
            return try error.response(from: request, context: context)
        }
    }
}
