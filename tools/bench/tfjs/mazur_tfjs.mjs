// The Mazur network trained in TensorFlow.js, the peer a JavaScript user would
// reach for, on its pure-JavaScript CPU backend. It runs under Node, never
// under the kit: install once with `npm install` in this folder, then
//
//   node tools/bench/tfjs/mazur_tfjs.mjs
//
// prints the median time of 10,000 training steps over several runs, in the
// same JSON shape as tools/bench/mazur_torch.py.
// The package name sits in a variable so that `deno check .` in the kit does
// not try to resolve a package that only Node, in this folder, can see.
const TFJS = "@tensorflow/tfjs";
const tf = await import(TFJS);

// The article's example, parameters and learning rate (core/mazur_network.ts).
const INPUTS = { i1: 0.05, i2: 0.10, t1: 0.01, t2: 0.99 };
const PARAMETERS = {
  w1: 0.15,
  w2: 0.20,
  w3: 0.25,
  w4: 0.30,
  w5: 0.40,
  w6: 0.45,
  w7: 0.50,
  w8: 0.55,
  b1: 0.35,
  b2: 0.60,
};
const LEARNING_RATE = 0.5;
const STEPS = 10_000;
// Timed runs; the median is reported because the machine is shared.
const RUNS = 5;

function train(steps) {
  // The CPU backend computes in float32 only; tfjs has no float64 tensors.
  const p = {};
  for (const [name, value] of Object.entries(PARAMETERS)) {
    p[name] = tf.variable(tf.scalar(value), true, name);
  }
  const i1 = tf.scalar(INPUTS.i1);
  const i2 = tf.scalar(INPUTS.i2);
  const t1 = tf.scalar(INPUTS.t1);
  const t2 = tf.scalar(INPUTS.t2);
  const half = tf.scalar(0.5);
  const rate = tf.scalar(LEARNING_RATE);

  const loss = () => {
    const outH1 = tf.sigmoid(p.w1.mul(i1).add(p.w2.mul(i2)).add(p.b1));
    const outH2 = tf.sigmoid(p.w3.mul(i1).add(p.w4.mul(i2)).add(p.b1));
    const outO1 = tf.sigmoid(p.w5.mul(outH1).add(p.w6.mul(outH2)).add(p.b2));
    const outO2 = tf.sigmoid(p.w7.mul(outH1).add(p.w8.mul(outH2)).add(p.b2));
    return half.mul(t1.sub(outO1).square()).add(half.mul(t2.sub(outO2).square()));
  };

  let error = 0;
  for (let step = 0; step < steps; step++) {
    tf.tidy(() => {
      const { value, grads } = tf.variableGrads(loss);
      for (const name of Object.keys(p)) p[name].assign(p[name].sub(grads[name].mul(rate)));
      if (step === steps - 1) error = value.dataSync()[0];
    });
  }
  const w5 = p.w5.dataSync()[0];
  tf.dispose([...Object.values(p), i1, i2, t1, t2, half, rate]);
  return { w5, error };
}

await tf.setBackend("cpu");
await tf.ready();
train(100); // warm-up

const times = [];
let result;
for (let run = 0; run < RUNS; run++) {
  const start = performance.now();
  result = train(STEPS);
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({
  peer: "TensorFlow.js",
  version: tf.version.tfjs,
  backend: tf.getBackend(),
  node: process.version,
  steps: STEPS,
  runs: RUNS,
  median_ms: Number(times[Math.floor(RUNS / 2)].toFixed(1)),
  times_ms: times.map((t) => Number(t.toFixed(1))),
  w5: result.w5,
  error: result.error,
}));
