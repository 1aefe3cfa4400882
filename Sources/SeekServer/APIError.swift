import Foundation
import Hummingbird
import NIOCore
import SeekEngine

/// An API failure as the client sees it: an HTTP status and `{"error":{"code","message"}}`.
/// Every error a route throws becomes one (`APIErrorMiddleware`); nothing else, and never a
/// stack trace, reaches the client.
public struct APIError: Error, HTTPResponseError, Equatable {
    public var status: HTTPResponse.Status
    /// A stable machine-readable code (`invalid_request`, `not_indexed`, `unauthorized`...).
    public var code: String
    /// What went wrong, for people.
    public var message: String

    public init(_ status: HTTPResponse.Status, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    static func invalidRequest(_ message: String) -> APIError { APIError(.badRequest, code: "invalid_request", message: message) }

    /// `error` in API terms: the engine's errors by their meaning, Hummingbird's by status,
    /// anything else as a 500 that names the failure but shows no internals.
    static func from(_ error: any Error) -> APIError {
        switch error {
        case let api as APIError:
            return api
        case let engine as EngineError:
            return from(engine)
        case let http as HTTPError:
            return APIError(http.status, code: code(for: http.status), message: http.body ?? http.status.reasonPhrase)
        case is NIOTooManyBytesError:
            return APIError(.contentTooLarge, code: "body_too_large", message: "the request body is too large")
        case is DecodingError:
            return .invalidRequest("the body is not the JSON this endpoint takes")
        default:
            return APIError(.internalServerError, code: "internal", message: "internal error")
        }
    }

    static func from(_ error: EngineError) -> APIError {
        switch error {
        case .invalidRequest(let reason): APIError(.badRequest, code: "invalid_request", message: reason)
        case .invalidRoot: APIError(.badRequest, code: "invalid_root", message: error.description)
        case .notIndexed: APIError(.notFound, code: "not_indexed", message: error.description)
        case .notARoot: APIError(.notFound, code: "not_a_root", message: error.description)
        case .noIndex: APIError(.notFound, code: "no_index", message: error.description)
        case .writerBusy: APIError(.conflict, code: "writer_busy", message: error.description)
        case .readOnlyIndex: APIError(.conflict, code: "read_only", message: error.description)
        case .damagedIndex: APIError(.internalServerError, code: "damaged_index", message: error.description)
        case .cancelled: APIError(.serviceUnavailable, code: "cancelled", message: error.description)
        case .shutDown: APIError(.serviceUnavailable, code: "shutting_down", message: error.description)
        case .failed(let operation, _): APIError(.internalServerError, code: "failed", message: "\(operation) failed")
        }
    }

    private static func code(for status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: "not_found"
        case .methodNotAllowed: "method_not_allowed"
        case .contentTooLarge: "body_too_large"
        case .unauthorized: "unauthorized"
        case .badRequest: "invalid_request"
        default: status.code < 500 ? "client_error" : "internal"
        }
    }

    private struct Envelope: Encodable {
        struct Body: Encodable {
            let code: String
            let message: String
        }
        let error: Body
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer realm=\"seek\"" }
        let data = try APIJSON.encoder.encode(Envelope(error: .init(code: code, message: message)))
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
