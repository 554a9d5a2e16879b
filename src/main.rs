// Parsing allocates many short-lived strings (tokens, fold keys, clauses)
// from two worker threads at once; mimalloc's thread-local free lists cut
// the time glibc malloc spends on them (measured in docs/benchmarks.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(planparse::cli::main());
}
