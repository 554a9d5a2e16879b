fn main() {
    std::process::exit(planparse::cli::main());
}
