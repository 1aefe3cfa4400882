import ArgumentParser
import Foundation
import SeekEngine
import SeekKernels

@main
struct SeekCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seek",
        abstract: "Offline semantic search over your own files.",
        version: SeekEngine.version,
        subcommands: [
            IndexCommand.self, WatchCommand.self, StatusCommand.self, FilesCommand.self, ShowCommand.self, RemoveCommand.self,
            SearchCommand.self, EvalCommand.self, ModelCommand.self, EmbedCommand.self, RerankCommand.self, BenchCommand.self, ProfileCommand.self,
            LinksCommand.self, TagsCommand.self, RelatedCommand.self, GapsCommand.self, GraphCommand.self,
            RunsCommand.self, ExportCommand.self, ValidateCommand.self, InspectCommand.self, DoctorCommand.self, MCPCommand.self, ServeCommand.self,
            EmbedderWorkerCommand.self,
        ]
    )

    /// Runs the command; Seek's own errors are printed as one line made safe for a terminal (a
    /// file name in a message cannot carry escape sequences), ArgumentParser's as it prints them.
    static func main() async {
        GEMM.stopLibraryThreads()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as EngineError {
            fail(error.description)
        } catch let error as ArgumentError {
            fail(error.description)
        } catch {
            exit(withError: error)
        }
    }

    private static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data(("Error: " + TerminalText.line(message) + "\n").utf8))
        Foundation.exit(1)
    }
}
