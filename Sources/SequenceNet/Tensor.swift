/// A contiguous, row-major buffer of `Float` with a shape.
///
/// Layers own their output and gradient tensors and reuse them from batch to batch: `resize`
/// only allocates when a shape needs more room than the tensor has ever had, so a training
/// step allocates nothing once the first (largest) batch has been seen.
public final class Tensor {
    /// The extent of each axis, outermost first.
    public private(set) var shape: [Int]
    /// The number of elements, the product of `shape`.
    public private(set) var count: Int
    /// How many elements the buffer can hold without reallocating.
    public private(set) var capacity: Int
    /// The first element; valid for `count` elements.
    public private(set) var pointer: UnsafeMutablePointer<Float>
    /// False for a view, which borrows another tensor's buffer and must not free it.
    private var ownsBuffer = true
    /// The tensor a view shows, kept alive while the view exists.
    private var base: Tensor?
    /// Set on a buffer other tensors show part of (a parameter arena's): resizing it would free the
    /// memory they point at, so it may not be resized. Views made by `init(viewing:)` are movable.
    private(set) var pinned = false
    /// True for a tensor made by `init(viewing:)`, which `view(_:as:)` may point elsewhere.
    private var movableView = false

    /// A tensor of zeros.
    public init(shape: [Int]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative extent in shape \(shape)")
        self.shape = shape
        count = shape.reduce(1, *)
        capacity = max(count, 1)
        pointer = .allocate(capacity: capacity)
        pointer.initialize(repeating: 0, count: capacity)
    }

    /// A tensor holding `values` in row-major order.
    public convenience init(shape: [Int], values: [Float]) {
        self.init(shape: shape)
        precondition(values.count == count, "\(values.count) values for shape \(shape)")
        values.withUnsafeBufferPointer { pointer.update(from: $0.baseAddress!, count: count) }
    }

    /// A view of `other`'s elements under its own shape; `view(_:as:)` points it elsewhere.
    public init(viewing other: Tensor) {
        shape = other.shape
        count = other.count
        capacity = other.count
        pointer = other.pointer
        ownsBuffer = false
        movableView = true
        base = other
    }

    deinit { if ownsBuffer { pointer.deallocate() } }

    /// Makes this view show `other`'s elements under another shape of the same size, without copying.
    /// Valid until `other` is resized beyond its capacity.
    public func view(_ other: Tensor, as newShape: [Int]) {
        precondition(movableView, "view(_:as:) is for tensors made with init(viewing:)")
        precondition(newShape.reduce(1, *) == other.count, "cannot view \(other.shape) as \(newShape)")
        if newShape != shape { shape = newShape }
        count = other.count
        capacity = other.count
        pointer = other.pointer
        base = other
    }

    /// Copies the values into `base` from element `offset` on, then shows them there: the tensor becomes
    /// a view of that part of `base` (a `ParameterArena` gathers parameters this way).
    func moveStorage(to base: Tensor, at offset: Int) {
        precondition(ownsBuffer, "this tensor already shows another's elements (a parameter in two arenas?)")
        (base.pointer + offset).update(from: pointer, count: count)
        borrowStorage(of: base, at: offset)
    }

    /// Shows `base`'s elements from `offset` on instead of its own, which are dropped. Valid while
    /// `base` is not resized (an arena's buffers never are).
    func borrowStorage(of base: Tensor, at offset: Int) {
        precondition(offset + count <= base.count, "a view past the end of its base")
        base.pinned = true
        if ownsBuffer { pointer.deallocate() }
        pointer = base.pointer + offset
        capacity = count
        ownsBuffer = false
        self.base = base
    }

    /// Gives the tensor a new shape, keeping the buffer when it is large enough.
    /// The contents are unspecified afterwards unless only the shape's grouping changed.
    public func resize(_ newShape: [Int]) {
        if newShape == shape { return }
        precondition(
            ownsBuffer && !pinned,
            "a view, or a buffer other tensors show (a parameter arena), cannot be resized")
        let newCount = newShape.reduce(1, *)
        if newCount > capacity {
            pointer.deallocate()
            capacity = newCount
            pointer = .allocate(capacity: newCount)
            pointer.initialize(repeating: 0, count: newCount)
        }
        shape = newShape
        count = newCount
    }

    /// `resize([d0, d1])` without building an array when the shape is already that (the common case
    /// inside a training step, which should allocate nothing).
    public func resize(_ d0: Int, _ d1: Int) {
        if shape.count == 2 && shape[0] == d0 && shape[1] == d1 { return }
        resize([d0, d1])
    }

    /// `resize([d0, d1, d2])`, allocating nothing when the shape is already that.
    public func resize(_ d0: Int, _ d1: Int, _ d2: Int) {
        if shape.count == 3 && shape[0] == d0 && shape[1] == d1 && shape[2] == d2 { return }
        resize([d0, d1, d2])
    }

    /// `resize([batch] + rest)`, allocating nothing when the shape is already that.
    public func resize(batch: Int, _ rest: [Int]) {
        if shape.count == rest.count + 1 && shape[0] == batch && shape.dropFirst().elementsEqual(rest) {
            return
        }
        resize([batch] + rest)
    }

    /// Sets every element to zero.
    public func zero() { pointer.update(repeating: 0, count: count) }

    /// Copies another tensor's shape and values into this one.
    public func copy(from other: Tensor) {
        resize(other.shape)
        pointer.update(from: other.pointer, count: count)
    }

    /// A new tensor with the same shape and values.
    public func clone() -> Tensor {
        let result = Tensor(shape: shape)
        result.pointer.update(from: pointer, count: count)
        return result
    }

    /// The elements in row-major order, as an array (a copy).
    public var values: [Float] { Array(UnsafeBufferPointer(start: pointer, count: count)) }

    /// The element at a flat, row-major index.
    public subscript(index: Int) -> Float {
        get { pointer[index] }
        set { pointer[index] = newValue }
    }
}
