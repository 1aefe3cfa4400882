import Foundation
import Logging
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension ModelStore {
    /// Downloads the model's files from the hub (`<endpoint>/<id>/resolve/main/<file>`) into `directory`.
    /// Required files must all arrive; optional ones are skipped when the hub has none.
    func downloadFromHub(into directory: URL) async throws {
        try await Self.downloadFromHub(repository: identity.id, requiredFiles: identity.requiredFiles,
                                       optionalFiles: identity.optionalFiles, configuration: configuration, into: directory, logger: logger)
    }

    /// Downloads `requiredFiles` (all must arrive) and `optionalFiles` (skipped when the hub has
    /// none) of hub repository `repository` into `directory`.
    static func downloadFromHub(repository: String, requiredFiles: [String], optionalFiles: [String],
                                configuration: ModelStoreConfiguration, into directory: URL, logger: Logger) async throws {
        let session = URLSession(configuration: {
            let sessionConfiguration = URLSessionConfiguration.ephemeral
            sessionConfiguration.timeoutIntervalForRequest = configuration.hubTimeoutSeconds
            return sessionConfiguration
        }())
        defer { session.finishTasksAndInvalidate() }
        for name in requiredFiles + optionalFiles {
            let required = requiredFiles.contains(name)
            let url = configuration.hubEndpoint
                .appendingPathComponent(repository).appendingPathComponent("resolve/main").appendingPathComponent(name)
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
