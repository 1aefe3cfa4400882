import Foundation

/// Paths of the fixtures and datasets shipped in the project.
public enum ProjectFixtures {
    public static var directory: URL { SeekBinary.packageRoot.appendingPathComponent("Tests/Fixtures") }
    public static var cranfield: URL { SeekBinary.packageRoot.appendingPathComponent("datasets/cranfield") }
    public static var tokenizerJSON: URL { directory.appendingPathComponent("tokenizer.json") }
}
