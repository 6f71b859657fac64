import CProducts

/// What every matrix product of the process runs on: the library, its version, the instruction set
/// its kernels use and the threads per product. Two runs of one seed give the same bits exactly when
/// their paths are equal, so every report, checkpoint and results file records it.
///
/// The engine pins oneDNN to its AVX2 kernels before the first product (`products_path_in_use`): its
/// AVX-512 kernels sum each dot product in other blocks, and a last-bit difference is enough to send the
/// chapter's 1,000-epoch CNN to another minimum. On a CPU without AVX2 the pin cannot hold; the run
/// still works, on another path, and says so.
public struct ProductPath: Codable, Hashable, Sendable, CustomStringConvertible {
    /// The ISA the engine pins oneDNN to, as oneDNN names it.
    public static let pinnedISA = "avx2"

    public var library: String
    public var version: String
    /// The ISA oneDNN reports it used (`dnnl_get_effective_cpu_isa`).
    public var isa: String
    public var threadsPerProduct: Int

    enum CodingKeys: String, CodingKey {
        case library, version, isa, threadsPerProduct = "threads_per_product"
    }

    public init(library: String, version: String, isa: String, threadsPerProduct: Int) {
        (self.library, self.version, self.isa) = (library, version, isa)
        self.threadsPerProduct = threadsPerProduct
    }

    /// The path of this process, pinned on first use.
    public static let current: ProductPath = {
        let path = products_path_in_use()
        return ProductPath(
            library: "oneDNN", version: "\(path.major).\(path.minor).\(path.patch)",
            isa: String(cString: path.isa_name), threadsPerProduct: 1)
    }()

    /// Whether the products run on the pinned kernels, which the committed reports were made on.
    public var isPinned: Bool { isa == Self.pinnedISA }

    public var description: String {
        "\(library) \(version), \(isa.uppercased()) kernels, \(threadsPerProduct) thread per product"
    }

    /// Said once by a run whose products cannot take the pinned path (nil when they do).
    public var warning: String? {
        isPinned
            ? nil
            : "Note: this CPU cannot run oneDNN's \(Self.pinnedISA.uppercased()) kernels; its products "
                + "run on \(description), so the numbers will differ from the chapter's pages in their "
                + "last bits (the reports record this path)."
    }
}
