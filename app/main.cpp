// Entry point of the phasor executable (placeholder until the command-line runner lands).
int main() { return 0; }
