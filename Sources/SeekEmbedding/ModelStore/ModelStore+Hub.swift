import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension ModelStore {
    /// Downloads the model's files from the hub (`<endpoint>/<id>/resolve/main/<file>`) into `directory`.
    /// Required files must all arrive; optional ones are skipped when the hub has none.
    func downloadFromHub(into directory: URL) async throws {
        let session = URLSession(configuration: {
            let configuration = URLSessionConfiguration.ephemeral
            configuration.timeoutIntervalForRequest = self.configuration.hubTimeoutSeconds
            return configuration
        }())
        defer { session.finishTasksAndInvalidate() }
        for name in identity.requiredFiles + identity.optionalFiles {
            let required = identity.requiredFiles.contains(name)
            let url = configuration.hubEndpoint
                .appendingPathComponent(identity.id).appendingPathComponent("resolve/main").appendingPathComponent(name)
            let target = directory.appendingPathComponent(name)
            do {
                let (temporary, response) = try await session.download(for: URLRequest(url: url))
                defer { try? FileManager.default.removeItem(at: temporary) }
                let status = (response as? HTTPURLResponse)?.statusCode ?? 0
                guard status == 200 else {
                    if required { throw HubError(message: "GET \(url.absoluteString): HTTP \(status)") }
                    continue
                }
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try FileManager.default.moveItem(at: temporary, to: target)
                logger.debug("downloaded", metadata: ["file": "\(name)"])
            } catch let error as HubError {
                throw error
            } catch {
                if required { throw HubError(message: "GET \(url.absoluteString): \(error.localizedDescription)") }
            }
        }
    }

    struct HubError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}
