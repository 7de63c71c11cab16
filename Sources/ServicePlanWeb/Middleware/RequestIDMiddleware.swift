import HTTPTypes
import Hummingbird

/// Every response names its request: `X-Request-Id` carries the id Hummingbird gives the request
/// and puts in every log line written while serving it, so an operator can find a user's failed
/// request in the logs of whichever instance served it.
struct RequestIDMiddleware<Context: RequestContext>: RouterMiddleware {
    static var header: HTTPField.Name { HTTPField.Name("X-Request-Id")! }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[Self.header] = context.id
        return response
    }
}
