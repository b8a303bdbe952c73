// `info`: the model's shape, parameter count and stored dtype.
#include "commands.h"

namespace cli {

int cmd_info(const Args& args) {
    const Options o(args, {"--model"});
    const auto m = load_model(o);
    const auto& c = m->config();
    print_json({{"n_layer", c.n_layer},
                {"n_head", c.n_head},
                {"n_embd", c.n_embd},
                {"n_positions", c.n_positions},
                {"vocab_size", c.vocab_size},
                {"n_inner", c.n_inner},
                {"parameters", m->parameter_count()},
                {"dtype", m->dtype()},
                {"model", m->dir().empty() ? o.value("--model") : m->dir()}});
    return 0;
}

} // namespace cli
