/// What the person running `commons build` asked for. Unset values fall back to `commons.yml`, then to defaults.
public struct BuildPlan: Equatable, Sendable {
    /// A folder inside the repository; the repository is found from it the way git finds it.
    public var path: String = "."
    public var revision: String?
    /// Read the working directory instead of a commit.
    public var worktree = false
    /// The output folder, relative to the current directory.
    public var output: String?
    /// The folder of the build cache, relative to the current directory; nil for `cache_dir:`, or the git folder.
    public var cacheFolder: String?
    public var overrides = SettingsOverrides()
    /// The process ends once the build is done, as `commons build` does: what the build made is left
    /// for the exit to free at once (see `UntilExit`).
    public var endsTheProcess = false

    public init() {}
}
