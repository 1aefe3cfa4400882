import Foundation
import SeekCore
import SeekStore

extension SearchService {
    /// `request` with its graph conditions (`--tag`, `--linked-from`) turned into the set of
    /// files they allow (`SearchFilter.paths`, intersected when both are given), read from the
    /// graph of wherever the index lives.
    func graphResolved(_ request: SearchRequest) async throws -> SearchRequest {
        let filter = request.filter
        guard filter.tag != nil || filter.linkedFrom != nil else { return request }
        let reader = try await GraphService.reader(store: store, postgres: postgres)
        var allowed = filter.paths
        if let tag = filter.tag {
            let normalized = GraphService.normalizedTag(tag)
            guard !normalized.isEmpty else { throw EngineError.invalidRequest(reason: "the tag filter is empty") }
            let files = Set(try await reader.files(tag: normalized))
            allowed = allowed.map { $0.intersection(files) } ?? files
        }
        if let source = filter.linkedFrom {
            let absolute = CatalogService.absolutePath(source)
            _ = try await reader.fileId(path: absolute)
            let files = Set(try await reader.linkedTargets(path: absolute))
            allowed = allowed.map { $0.intersection(files) } ?? files
        }
        var resolved = request
        resolved.filter.tag = nil
        resolved.filter.linkedFrom = nil
        resolved.filter.paths = allowed
        return resolved
    }
}
