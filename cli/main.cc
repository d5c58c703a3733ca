// unknot: the command-line host of the Unknot journal. See cli/README.md.
#include <iostream>
#include <string>
#include <vector>

#include "run.h"
#include "unknot/env.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return unknot::cli::Run(args, unknot::Env::Default(), std::cout, std::cerr);
}
