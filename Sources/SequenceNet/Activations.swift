// exp, sigmoid and tanh written out in plain arithmetic, accurate to a few units in the last place, so
// that loops over hidden units vectorise (calls into the C library's expf and tanhf cannot). PyTorch's
// CPU kernels likewise use their own vectorised versions.
//
// The cells call the whole-row forms below, not the scalar functions: a debug build compiles each file
// on its own and cannot inline a function from another file into a loop, but a loop in this file, over
// a row, vectorises with the scalar functions inlined.

/// x = sigmoid(x), element by element, for `count` elements.
func applySigmoid(_ x: UnsafeMutablePointer<Float>, count: Int) {
    for i in 0..<count { x[i] = sigmoid(x[i]) }
}

/// x = tanh(x), element by element, for `count` elements.
func applyTanh(_ x: UnsafeMutablePointer<Float>, count: Int) {
    for i in 0..<count { x[i] = hyperbolicTangent(x[i]) }
}

/// y = tanh(x), element by element, for `count` elements (x and y do not overlap).
func applyTanh(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count: Int) {
    for i in 0..<count { y[i] = hyperbolicTangent(x[i]) }
}

/// e^x for x in float range (clamped where e^x over- or underflows a normal float).
@inline(__always)
private func exponential(_ x: Float) -> Float {
    let clamped = min(max(x, -87.3), 88.3)
    // Round x / ln 2 to an integer k by adding 1.5 * 2^23: the sum's low mantissa bits hold k.
    let magic: Float = 12_582_912
    let shifted = clamped * 1.442_695_04 + magic
    let k = shifted - magic
    // r = x - k ln 2, with ln 2 split in two parts so that the product is exact (Cody and Waite).
    let r = (clamped - k * 0.693_359_375) - k * -2.121_944_4e-4
    // e^r on [-ln2/2, ln2/2] by its Taylor series to the r^7 term (error below 1e-8).
    var p: Float = 1.984_127e-4
    p = p * r + 1.388_888_9e-3
    p = p * r + 8.333_333_3e-3
    p = p * r + 4.166_666_8e-2
    p = p * r + 0.166_666_67
    p = p * r + 0.5
    p = p * r + 1
    p = p * r + 1
    // 2^k from its exponent bits.
    let exponent = Int32(bitPattern: shifted.bitPattern) &- Int32(bitPattern: magic.bitPattern)
    let scale = Float(bitPattern: UInt32(bitPattern: (exponent &+ 127) << 23))
    return p * scale
}

/// 1 / (1 + e^-x).
@inline(__always)
private func sigmoid(_ x: Float) -> Float { 1 / (1 + exponential(-x)) }

/// tanh as x P(x^2) / Q(x^2), a ratio of two quartics in x^2 fitted to tanh on [-9, 9]
/// (Tools/reference/fit_tanh.py, which also checks it), held at +-1 beyond, where tanh rounds to 1 in
/// single precision. At most 6 units in the last place on every float the script checks (every 7th
/// up to 9.5) and on TanhTests' sample; half the arithmetic of going through exp, and the recurrent
/// cells spend much of their time here.
@inline(__always)
func hyperbolicTangent(_ x: Float) -> Float {
    let c = min(max(x, -9), 9), u = c * c
    var p: Float = 1.326_717_05e-8
    p = p * u + 2.054_241_1e-5
    p = p * u + 3.491_398e-3
    p = p * u + 0.133_774_56
    p = p * u + 1
    var q: Float = 7.739_684_5e-7
    q = q * u + 3.278_876_5e-4
    q = q * u + 2.586_091e-2
    q = q * u + 0.467_107_7
    q = q * u + 1
    return c * p / q
}
