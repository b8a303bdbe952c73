#include "template_lab.h"

#include <algorithm>

#include "attention_lens/census.h"
#include "attention_lens/forward.h"
#include "course_math.h"

void TemplateLab::recompute(const Input& in) {
    const int wanted = layer_;
    runJob<Result>(
        Priority::Figure,
        [model = in.model, text = in.text, wanted](JobContext& ctx) {
            // Every figure reads the same first tokens of the text as the station's exercises.
            const std::vector<int> ids = course::tokenize(*model, text, course::kTokenCap);
            al::Runner runner(model);
            al::ForwardOptions o;
            o.cancel = ctx.cancelFlag();
            o.keep_scores = false;
            const al::ForwardResult r = runner.forward_full(ids, o);
            Result out;
            out.layer = wanted < 0 ? r.n_layer - 1 : std::min(wanted, r.n_layer - 1);
            for (int h = 0; h < r.n_head; ++h)
                out.scores << al::census::previous_token(r.attention.dense(out.layer, h), r.tokens, false);
            return out;
        },
        [this](Result& r) {
            shownLayer_ = r.layer;
            scores_ = r.scores;
            emit resultChanged();
        });
}
