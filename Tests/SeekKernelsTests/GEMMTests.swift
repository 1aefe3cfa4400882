import Foundation
import SeekKernels
import Testing

struct GEMMTests {
    /// The CLI stops OpenBLAS's own thread pool first thing (Seek runs every product on the calling
    /// thread); products stay exact afterwards, the library reports one thread, and stopping again
    /// is harmless.
    @Test func productsStayExactAfterTheLibraryThreadsStop() {
        GEMM.stopLibraryThreads()
        GEMM.stopLibraryThreads()
        #expect(GEMMKnownAnswerCheck.firstMismatch(using: GEMMKnownAnswerCheck.blas) == nil)
        #if os(Linux)
        #expect(GEMM.status.threads == 1)
        #endif
    }
}
