import Foundation
import SeekSearch
import SeekStore
import Testing
import SeekCore

struct SearcherTests {
    @Test func hybridSearchFindsTheFileAndMarksTheWords() throws {
        let corpus = try SearchCorpus()
        let searcher = try corpus.searcher()
        let response = try searcher.search(SearchRequest(query: "contraction of satellite orbits by air drag", k: 5))
        #expect(response.mode == .hybrid && response.query == "contraction of satellite orbits by air drag")
        #expect(response.results.count == 5)
        #expect(response.tookMilliseconds > 0)
        let top = try #require(response.results.first)
        // Parts ii and iii of the same paper both match every word.
        let papers = ["air drag. part ii.", "air drag. part iii."].compactMap { corpus.path(containing: $0) }
        #expect(papers.count == 2 && papers.contains(top.path))
        #expect(Set(response.results.prefix(2).map(\.path)) == Set(papers))
        #expect(top.foundBy == [.vector, .keyword])
        #expect(top.title.hasPrefix("Document "))
        let marked = Set(SnippetBuilderTests.marked(Snippet(text: top.snippet, highlights: top.highlights)).map { $0.lowercased() })
        #expect(marked.isSuperset(of: ["contraction", "satellite", "orbits", "air", "drag"]))
        // Files appear once, best first.
        #expect(Set(response.results.map(\.path)).count == 5)
        #expect(zip(response.results, response.results.dropFirst()).allSatisfy { $0.score >= $1.score })
    }

    @Test func hybridIsTheFusionOfTheTwoRetrievers() throws {
        let corpus = try SearchCorpus()
        let searcher = try corpus.searcher()
        let query = "automatic indexing vocabulary of user queries"
        let vector = try SearchCorpus.embedder.get().embed(text: query)
        let vectorHits = try searcher.vectorIndex.approximate(query: vector, k: 100)
        let keywordHits = try KeywordSearcher(reader: corpus.index.searchReader).search(query, k: 100)
        let fused = ReciprocalRankFusion().fuse([.vector: vectorHits.map(\.chunkId), .keyword: keywordHits.map(\.chunkId)])
        let expected = FileGroup.group(fused) { searcher.vectorIndex.file(of: $0)?.path }
        #expect(try searcher.rankFiles(SearchRequest(query: query, k: 10), queryVector: vector) == Array(expected.prefix(10)))
        // Vector mode ranks files by cosine: the best chunk of each file, in exact-scan order.
        let vectorFiles = try searcher.rankFiles(SearchRequest(query: query, mode: .vector, k: 10), queryVector: vector)
        #expect(vectorFiles.first?.best.chunkId == vectorHits.first?.chunkId)
        #expect(vectorFiles.allSatisfy { $0.foundBy == [.vector] })
        let keywordFiles = try searcher.rankFiles(SearchRequest(query: query, mode: .keyword, k: 10), queryVector: nil)
        #expect(keywordFiles.first?.best.chunkId == keywordHits.first?.chunkId)
        #expect(keywordFiles.allSatisfy { $0.foundBy == [.keyword] })
    }

    @Test func groupsChunksOfTheSameFile() throws {
        let corpus = try SearchCorpus()
        let response = try corpus.searcher().search(SearchRequest(query: "steady motion of a sphere oseen criticism", mode: .keyword, k: 3))
        let top = try #require(response.results.first)
        #expect(top.path == corpus.path(containing: "steady motion of a sphere., oseen's criticism"))
        #expect(top.chunk.ordinal >= 0 && top.chunk.end > top.chunk.start)
        #expect(top.otherChunks.allSatisfy { $0.chunkId != top.chunkId })
    }

    @Test func filtersStillReturnKResults() throws {
        let corpus = try SearchCorpus()
        let searcher = try corpus.searcher()
        for mode in SearchMode.allCases {
            let response = try searcher.search(SearchRequest(
                query: "supersonic flow over wings", mode: mode, k: 8, filter: SearchFilter(pathPrefix: "/corpus/b", fileTypes: ["pdf"])))
            #expect(response.results.allSatisfy { $0.path.hasPrefix("/corpus/b/") && $0.path.hasSuffix(".pdf") }, "\(mode)")
            // 12 .pdf files lie under /corpus/b; keyword search finds only those with a matching word.
            #expect(mode == .keyword ? !response.results.isEmpty : response.results.count == 8, "\(mode)")
        }
        let none = try searcher.search(SearchRequest(query: "supersonic", filter: SearchFilter(pathPrefix: "/nowhere")))
        #expect(none.results.isEmpty)
    }

    @Test func codesOnlySnapshotAnswersTheSame() throws {
        let corpus = try SearchCorpus()
        let warm = try corpus.searcher()
        let cold = try corpus.searcher(residency: .codesOnly)
        for query in ["heat conduction in layered walls", "online bibliographic searching", "flutter of panels"] {
            for mode in SearchMode.allCases {
                let request = SearchRequest(query: query, mode: mode, k: 7)
                #expect(try cold.search(request).results == (try warm.search(request).results))
            }
        }
    }

    @Test func prfRetrievesAgainWithTheExpandedKeywordQueryAndTheMovedVector() throws {
        let corpus = try SearchCorpus()
        let feedback = PseudoRelevanceFeedback(feedbackDocuments: 3, expansionTerms: 5)
        let searcher = try corpus.searcher(configuration: SearchConfiguration(rerank: .prf, feedback: feedback))
        let plain = try corpus.searcher()
        let query = "flutter of panels"
        let builder = FTSQueryBuilder()
        // Keyword mode: the first stage's top 3 files give the feedback text of their best chunks.
        let first = try plain.rankFiles(SearchRequest(query: query, mode: .keyword, k: 10), queryVector: nil)
        let details = try corpus.index.searchReader.chunkDetails(chunkIds: first.prefix(3).map(\.best.chunkId))
        let documents = first.prefix(3).map { FeedbackDocument(text: details[$0.best.chunkId]?.text ?? "", score: $0.best.score) }
        let terms = try feedback.expandedTerms(queryTerms: builder.terms(in: query), feedback: documents, words: builder.words(in:))
        #expect(terms.count > builder.terms(in: query).count)
        let expression = try feedback.matchExpression(for: terms, keep: Set(builder.terms(in: query)))
        let hits = try KeywordSearcher(reader: corpus.index.searchReader).search(matchExpression: expression, k: 100)
        let expected = FileGroup.group(hits.map { RankedChunk(chunkId: $0.chunkId, score: $0.score, foundBy: [.keyword]) }) {
            searcher.vectorIndex.file(of: $0)?.path
        }
        let staged = try searcher.rankFilesInStages(SearchRequest(query: query, mode: .keyword, k: 10), queryVector: nil)
        #expect(staged.groups == Array(expected.prefix(10)))
        #expect(staged.rerank > .zero)
        // Vector mode: the exact scan of the Rocchio vector.
        let vector = try SearchCorpus.embedder.get().embed(text: query)
        let firstVector = try plain.rankFiles(SearchRequest(query: query, mode: .vector, k: 10), queryVector: vector)
        let embeddings = try searcher.vectorIndex.embeddings(of: firstVector.prefix(3).map(\.best.chunkId))
        let moved = try feedback.movedQueryVector(vector, feedback: firstVector.prefix(3).compactMap { embeddings[$0.best.chunkId] })
        let movedFiles = FileGroup.group(try searcher.vectorIndex.exact(query: moved, k: 100).map {
            RankedChunk(chunkId: $0.chunkId, score: Double($0.score), foundBy: [.vector])
        }) { searcher.vectorIndex.file(of: $0)?.path }
        #expect(try searcher.rankFiles(SearchRequest(query: query, mode: .vector, k: 10), queryVector: vector).map(\.path)
            == movedFiles.prefix(10).map(\.path))
        // Hybrid, codes-only residency and filters answer consistently.
        let cold = try corpus.searcher(configuration: SearchConfiguration(rerank: .prf, feedback: feedback), residency: .codesOnly)
        for mode in SearchMode.allCases {
            let request = SearchRequest(query: query, mode: mode, k: 7, filter: SearchFilter(pathPrefix: "/corpus/a"))
            let results = try searcher.search(request).results
            #expect(results.allSatisfy { $0.path.hasPrefix("/corpus/a/") }, "\(mode)")
            #expect(try cold.search(request).results == results, "\(mode)")
        }
    }

    @Test func scoreFusionRanksHybridByNormalisedScores() throws {
        let corpus = try SearchCorpus()
        let query = "heat conduction in layered walls"
        let vector = try SearchCorpus.embedder.get().embed(text: query)
        let searcher = try corpus.searcher(configuration: SearchConfiguration(fusionMethod: .combMNZ))
        let vectorHits = try searcher.vectorIndex.approximate(query: vector, k: 100)
        let keywordHits = try KeywordSearcher(reader: corpus.index.searchReader).search(query, k: 100)
        let fused = ScoreFusion(rule: .combMNZ).fuse([
            .vector: vectorHits.map { RankedChunk(chunkId: $0.chunkId, score: Double($0.score), foundBy: [.vector]) },
            .keyword: keywordHits.map { RankedChunk(chunkId: $0.chunkId, score: $0.score, foundBy: [.keyword]) },
        ])
        let expected = FileGroup.group(fused) { searcher.vectorIndex.file(of: $0)?.path }
        #expect(try searcher.rankFiles(SearchRequest(query: query, k: 10), queryVector: vector) == Array(expected.prefix(10)))
    }

    @Test func badQueriesGiveResultsOrClearErrors() throws {
        let corpus = try SearchCorpus()
        let searcher = try corpus.searcher()
        for query in ["", "   \n\t"] {
            #expect(throws: SearchError.invalidQuery(reason: "the query is empty")) { try searcher.search(SearchRequest(query: query)) }
        }
        #expect(throws: SearchError.self) { try searcher.search(SearchRequest(query: "wing", k: 0)) }
        #expect(throws: SearchError.self) { try searcher.search(SearchRequest(query: "wing", k: 1_000_000)) }
        #expect(throws: SearchError.self) { try searcher.search(SearchRequest(query: "🚀🔥", mode: .keyword)) }
        let hostile = [
            #"NEAR(wing "tip" AND( -lift col:val* ^x) OR"#, "\"", "*", "AND", "(", "-", ":", "🚀🔥", "我爱北京天安门", "Привет, как дела?",
            String(repeating: "shock wave \"boundary\" (layer) * - : ", count: 300), "\u{0}null\u{0}", "SELECT * FROM chunks; --",
        ]
        for query in hostile {
            for mode in SearchMode.allCases where !(mode == .keyword && query.allSatisfy { !$0.isLetter && !$0.isNumber }) {
                #expect(throws: Never.self) { try searcher.search(SearchRequest(query: query, mode: mode)) }
            }
        }
        let long = String(repeating: "supersonic wing flutter ", count: 420)
        #expect(long.count >= 10_000)
        #expect(try searcher.search(SearchRequest(query: long)).results.count == 10)
        // Emoji only: no keyword terms, so hybrid answers with the vector side alone.
        #expect(try searcher.search(SearchRequest(query: "🚀🔥")).results.allSatisfy { $0.foundBy == [.vector] })
    }

    @Test func responsesEncodeTheDocumentedJSON() throws {
        let corpus = try SearchCorpus()
        let response = try corpus.searcher().search(SearchRequest(query: "turbulence statistical theory", k: 2))
        let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(response)) as? [String: Any])
        #expect(Set(object.keys) == ["query", "mode", "took_ms", "results", "warnings"])
        #expect(object["warnings"] as? [String] == [])
        #expect(object["mode"] as? String == "hybrid")
        let results = try #require(object["results"] as? [[String: Any]])
        #expect(results.count == 2)
        for result in results {
            #expect(Set(result.keys) == ["path", "title", "score", "page", "snippet", "chunk", "found_by"])
            #expect(result["page"] is NSNull)
            #expect(Set((result["chunk"] as? [String: Any])?.keys ?? [:].keys) == ["ordinal", "start", "end"])
            #expect((result["found_by"] as? [String])?.allSatisfy { ["vector", "keyword"].contains($0) } == true)
        }
        // Repeating a search gives the same results.
        let again = try corpus.searcher().search(SearchRequest(query: "turbulence statistical theory", k: 2))
        #expect(again.results == response.results)
    }
}
