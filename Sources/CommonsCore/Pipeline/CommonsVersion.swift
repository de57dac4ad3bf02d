/// The version of commons, shown by `--version` and recorded in the bundle it writes.
public enum CommonsVersion {
    public static let current = "0.1.0"
}
