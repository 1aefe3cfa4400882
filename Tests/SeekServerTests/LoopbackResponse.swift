import Foundation
import Hummingbird

/// A whole response from a `LoopbackServer`: status, headers and body.
struct LoopbackResponse: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let body: Data

    var text: String { String(decoding: body, as: UTF8.self) }

    func json() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: body) as? [String: Any] ?? [:]
    }

    func jsonArray() throws -> [[String: Any]] {
        try JSONSerialization.jsonObject(with: body) as? [[String: Any]] ?? []
    }

    /// The `error` object of an error document.
    func apiError() throws -> (code: String, message: String) {
        let error = try json()["error"] as? [String: Any] ?? [:]
        return (error["code"] as? String ?? "", error["message"] as? String ?? "")
    }
}
