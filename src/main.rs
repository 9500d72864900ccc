fn main() -> std::process::ExitCode {
    protogate::cli::main()
}
