import SeekEmbedding
import SeekStore

/// How the `Searcher` ranks. Defaults are the ones measured on Cranfield (see the report of
/// `seek eval`).
public struct SearchConfiguration: Sendable, Equatable {
    /// Chunks each retriever contributes before fusion and per-file grouping (raised to 4·k for
    /// large k, and further while grouping leaves fewer than k files). Default 100.
    public var candidatesPerRetriever: Int
    /// Fusion of the vector and keyword lists in hybrid mode. Default k = 60, equal weights.
    public var fusion: ReciprocalRankFusion
    /// How user text becomes a keyword query. Default: up to 64 terms, English stopwords dropped.
    public var queryBuilder: FTSQueryBuilder
    /// BM25 weight of chunk text, title and path. Default 1, 1, 1.
    public var keywordWeights: KeywordColumnWeights
    /// Vector search via the Int8 scan with exact rescoring (true), or the Float32 scan of every
    /// row (false); both return the same results. Default true.
    public var usesApproximateVectorScan: Bool
    /// Snippet length. Default 240 characters.
    public var snippets: SnippetBuilder
    /// Largest k a request may ask for. Default 1,000.
    public var maxResults: Int
    /// What hybrid mode fuses: each retriever's ranking of chunks (`.chunk`, default), or of files
    /// (`.file`: a file found by both retrievers through different passages is credited by both).
    /// On Cranfield the two differ by less than 0.002 nDCG@10 (see the README).
    public var fusionLevel: FusionLevel
    /// How hybrid mode combines the two lists: rank fusion (`.rrf`, default, with `fusion`'s k and
    /// weights) or score fusion (`.combSUM` / `.combMNZ`, with `fusion`'s weights). Score fusion
    /// always fuses chunks (`fusionLevel` applies to RRF only).
    public var fusionMethod: FusionMethod
    /// The stage after first-stage retrieval and fusion. Default `.none`.
    public var rerank: RerankMode
    /// Parameters of `.prf` reranking (documented defaults in `PseudoRelevanceFeedback`).
    public var feedback: PseudoRelevanceFeedback
    /// Files of the first stage that `.crossEncoder` reranking scores (their best chunks), 1...1,000.
    /// Default 50.
    public var rerankDepth: Int
    /// The hub name of the cross-encoder `.crossEncoder` reranking loads from the model cache
    /// (`seek model fetch --reranker`). Default cross-encoder/ms-marco-MiniLM-L-6-v2.
    public var reranker: String

    /// The unit ranked lists are fused at.
    public enum FusionLevel: String, Sendable, Equatable, Codable, CaseIterable {
        case file, chunk
    }

    public init(
        candidatesPerRetriever: Int = 100,
        fusion: ReciprocalRankFusion = ReciprocalRankFusion(),
        queryBuilder: FTSQueryBuilder = FTSQueryBuilder(),
        keywordWeights: KeywordColumnWeights = KeywordColumnWeights(),
        usesApproximateVectorScan: Bool = true,
        snippets: SnippetBuilder = SnippetBuilder(),
        maxResults: Int = 1_000,
        fusionLevel: FusionLevel = .chunk,
        fusionMethod: FusionMethod = .rrf,
        rerank: RerankMode = .none,
        feedback: PseudoRelevanceFeedback = PseudoRelevanceFeedback(),
        rerankDepth: Int = 50,
        reranker: String = RerankerStore.defaultName
    ) {
        self.candidatesPerRetriever = candidatesPerRetriever
        self.fusion = fusion
        self.queryBuilder = queryBuilder
        self.keywordWeights = keywordWeights
        self.usesApproximateVectorScan = usesApproximateVectorScan
        self.snippets = snippets
        self.maxResults = maxResults
        self.fusionLevel = fusionLevel
        self.fusionMethod = fusionMethod
        self.rerank = rerank
        self.feedback = feedback
        self.rerankDepth = rerankDepth
        self.reranker = reranker
    }
}
