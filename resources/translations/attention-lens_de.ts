<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AblationView</name>
    <message>
        <source>Click heads to knock them out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head %1.%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rows: layers · columns: heads · amber: off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>outlined: the exercise&apos;s answer, head %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All heads on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next token after “…%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All heads on: this is the model&apos;s own prediction.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n head(s) off · KL from the intact run: %1 nats · logit of “%2”: %3 (outlines: before)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Largest KL: head %1 (%2 nats)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching every head…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lowers “%1” most: head %2 (logit %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pair: %1 + %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching pairs…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No pair searched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup: %1 off, watch %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Knock-out search progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching: %1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logit of “%1”: %2 off alone changes it by %3, %4 alone by %5; both off, by %6, where the sum of the two is %7. %8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About the sum: on this logit the two act roughly independently here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Knocking them out moves the logit in opposite directions, and together they do not move it by the sum of the two: their effects are not independent here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Less than the sum: their effects overlap (the same job done twice, or a limit the logit hits), and the numbers alone do not say which.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More than the sum: together they move the logit further than the two single knock-outs added. Their effects are not independent, whether through later layers or through the layer norms that rescale the sum.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With %1 off, the later head %2&apos;s direct effect on “%3” rises from %4 to %5: it makes up part of the loss. Wang et al. (2022) call heads that do this in GPT-2 small backup heads. If %4 is negative, the head is pushing the logit down less rather than adding to it, which McDougall et al. (2023) link to copy suppression.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AboutInfo</name>
    <message>
        <source>%1 cannot be opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not valid JSON: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AboutPage</name>
    <message>
        <source>About</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>← Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Licence: %1 · &lt;a href=&quot;%2&quot;&gt;%2&lt;/a&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As the system (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the app is made of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide licence text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show licence text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The licence text is not installed here; see the link above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where your data lives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manage or remove downloaded models…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttentionKindsDiagram</name>
    <message>
        <source>Encoder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every token sees every token (BERT)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decoder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>causal: only itself and the past (GPT-2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cross-attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>decoder queries (rows) look at all encoder outputs (columns)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Padding mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the last key is filler added to fill a batch; nobody looks at it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CensusTable</name>
    <message>
        <source>layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>induction*</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>* The induction score is measured on one fixed repeated random sequence, not on these texts, so it is the same in every row. The other scores come from each text.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ColorLegend</name>
    <message>
        <source>Colour scale, logarithmic from 0.0001 to 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour scale, linear from 0 to 1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CostChart</name>
    <message>
        <source>One layer of %1 on one core of this machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>milliseconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>attention (scores, softmax, weighted sum)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the rest (LayerNorms, projections, MLP)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CourseMap</name>
    <message>
        <source>Course map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>See how a language model reads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Six stations on self-attention, the mechanism inside GPT-2 and its successors. Every figure is computed live by a real model on the text you type. Start anywhere; the order is a suggestion.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some stations could not be read:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No stations were found in this build (lessons/ is empty).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CourseModelNote</name>
    <message>
        <source>You are using the course&apos;s own small model, not GPT-2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has %2 layers × %3 heads and %4 million parameters. It was trained for this course on children&apos;s stories and the Brown Corpus, so that everything works offline; it writes simple stories and has learned only a few kinds of heads. GPT-2 small, the model the lessons describe, has 12 layers × 12 heads and 124 million parameters. Download it (about 550 MB) from the model library to run every station on it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Get GPT-2 small…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DownloadController</name>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about %1 s left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about %1 min left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about %1 h %2 min left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model called &quot;%1&quot; can be downloaded.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExerciseCard</name>
    <message>
        <source>Predict, then reveal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commit and reveal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click the token you predict.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This exercise cannot be computed for the loaded model: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your prediction: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model is working out the answer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not this time.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HeadOverview</name>
    <message>
        <source>All heads: %1 layers by %2 heads. Selected: layer %3, head %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer %1, head %2 — click to select</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HeadTemperatureView</name>
    <message>
        <source>A what-if experiment: GPT-2 has no temperature inside its heads.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>head temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows are the %1 tokens of your text (queries), columns the keys. Next-token prediction moved by KL %2 nats from the unchanged model.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HeadsGrid</name>
    <message>
        <source>layer %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labels are heuristics read off one text&apos;s patterns; most heads are mixtures of several behaviours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer %1, head %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows are queries, columns keys; each row sums to 1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HeadsStation</name>
    <message>
        <source>All heads of one layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each tile is one head&apos;s attention on the first %1 tokens of your text (rows: queries, columns: keys), labelled by the head census. The induction score comes from a fixed repeated random sequence, the same whatever your text. Click a tile for the focused view.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Many heads, one layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every head reads the whole residual stream vector of each token and projects it down to its own query, key and value; their outputs are concatenated and mixed by W_O (sizes of the loaded model).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Knock heads out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A head knocked out has its output set to zero. The bars show the next-token prediction after the first %1 tokens of your text; KL measures how far the whole distribution moved, and the change in the top token&apos;s logit how much that token depended on the knocked-out heads, directly or through later layers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Induction as a circuit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two heads in different layers that can work together on a repeated passage. The first copies into each position what the token before it was. The second uses that to find the earlier place where the current token appeared, and looks at the token that came next there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPT-2 small&apos;s known heads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heads of GPT-2 small that published studies describe or that score high on a published test, and the role each was found to play.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InductionCircuitView</name>
    <message>
        <source>Writing your text twice and looking for the two heads…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous-token head %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>score %1: the share of weight each token puts on the token just before it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Induction head %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>score %1: how much weight, on average, each token of the second copy puts on the token after its earlier copy (a diagonal line in the lower-left part, one copy&apos;s length to the left of the main diagonal)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 with %2 knocked out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>score %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first %1 tokens of your text, written twice (%2 tokens in all, with the end-of-text token first where the model has one). Knocking out %3 moves the induction score of %4 from %5 to %6; knocking out each of the other %7 heads of layer %8 instead leaves it at %9 on average.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>So the attention of %1 depends on what %2 writes, directly or through the layers between them. This fits the circuit Elhage et al. (2021) describe in small attention-only models, where the induction head&apos;s keys read the previous-token head&apos;s output (K-composition); this knock-out alone cannot tell whether keys or queries are affected, or whether the link is direct.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This knock-out does not single out %2: either %1 barely changes, or knocking out the other heads of layer %3 changes it about as much. Other heads may carry the same information, %1 may read it from a head other than the strongest previous-token head, or it may find its stripe another way.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KnownHeadsPanel</name>
    <message>
        <source>The loaded model is GPT-2 small (its weights match the published file&apos;s hash), so each role is checked live: on your text, except induction, which is checked on random tokens written twice. A role is what a study measured on its own prompts; on your text a head may do something else.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking whether the loaded model is GPT-2 small…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These heads and roles are GPT-2 small&apos;s, from the studies cited; the loaded model is not GPT-2 small, so these head numbers say nothing about its heads. Get GPT-2 small from the model library to see whether each head does its job on your text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>role (source)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>what it does</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on your text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ scores as one: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ does this here: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not here: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How each role is checked: previous-token heads by the census&apos;s previous-token score (0.60 or more); induction heads by the census&apos;s induction score on random tokens written twice, the same for every text (0.30 or more); name movers by the weight from the last token onto earlier copies of the predicted token (0.30 or more) together with a positive direct effect on its logit; negative heads by that weight (0.20 or more) together with a negative direct effect on the predicted token&apos;s logit. Thresholds are the course&apos;s heuristics, not the studies&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LensController</name>
    <message>
        <source>The text has %1 tokens; the course reads the first %2, so only those are shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>query \ key (layer %1, head %2%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, first token hidden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer %1, head %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous-token head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 puts on average %2 of each token&apos;s attention on the token just before it — the highest of all heads for this text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attention sink</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 puts on average %2 of each token&apos;s attention on the very first token, whatever it says. Models use the first position as a place to park attention they do not need elsewhere.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most decisive head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has the lowest average entropy (%2 nats, first token left out): each token concentrates its attention on few others.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LensStation</name>
    <message>
        <source>Induction head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The induction test failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running the induction test on a repeated random sequence…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a few more tokens first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model is loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lens needs a GPT-2-style model. Open the model library from the top bar (“Get a model…”), or start the app with --model FOLDER.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type any text; the lens updates as you type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text for the model to read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model could not read this text: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n token(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>updating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>computed in %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (the first %1 reused from before)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exercise: click the token you predict (or use ← → and Enter). The weights are hidden until you commit your prediction.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Point at a token (or use ← →) to see where it looks in layer %1, head %2. Click to pin it. Dashed chips are pieces of one word; a hook over a chip on an earlier line is an arc to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type some text above to see the model&apos;s attention.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer %1, head %2: who attends to whom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spread small weights apart: colours follow log10 of the weight.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide the first token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave out the first token and renormalise the rest to sum to 1; the first token often takes most of the attention (a &apos;sink&apos;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save figure as PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy matrix as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All heads for this text (rows: layers, columns: heads). Click one to select it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find a head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attention sink</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most decisive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Induction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A label like this is a heuristic read off one pattern, not a proof of what the head does.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the figure as PNG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The figure was not saved: no file name was given. Type a name, press Enter, then Save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the image to %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LessonCatalog</name>
    <message>
        <source>%1/station.json: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no id</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>%1 — Attention Lens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attention Lens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no station called “%1”; here is the course map.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the model library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The previous model is still loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switching models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model library is not part of this build yet. To use another model, start the app with --model FOLDER, where FOLDER holds a GPT-2-style model (config.json, model.safetensors, vocab.json, merges.txt).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MaskStation</name>
    <message>
        <source>The score grid, row by row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first %1 tokens of your text. Each row is one query: its scaled scores against every key, with the cells after it set to −∞ before the softmax.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What if there were no mask?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The loaded model&apos;s next-token prediction after the first %1 tokens of your text, with the mask (as trained) and without it (every token sees the future).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With the mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Without the mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KL between the two predictions: %1 nats. In training, a model without the mask could read the very token it is asked to predict — it would learn to copy instead of to predict.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encoder, decoder, cross-attention, padding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coloured cells: which key (column) a query (row) may look at.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MaskStepper</name>
    <message>
        <source>◀ Row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1 (“%2”) after the softmax</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0 (blocked)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MathStation</name>
    <message>
        <source>Q·K·V sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag the query q, the keys k and the values v. The weights are the softmax of the scores; the black arrow is their weighted sum of the values.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The real thing: one head on your text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, the first %2 tokens of your text: the real query of the chosen token, every key it may see, the scaled scores, the weights and the weighted sum of the real values.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load a model to see its real vectors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why divide by √d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Random vectors with unit-variance entries, 300 samples per size, seed 2017. Without scaling, the softmax over 8 keys puts nearly everything on one key as d grows; with it, the weights stay soft.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Random vectors with unit-variance entries, 300 samples per size, seed 2017.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MatrixView</name>
    <message>
        <source>Attention matrix of layer %1, head %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key: the token looked at →</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>query: the token looking ↓</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty by design: the causal mask.
A token sees only itself and earlier tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1 (“%2”) is hidden until you commit your prediction below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Point at a cell to read its weight.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” (%2) cannot look at the later token “%3” (%4): masked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hidden: the first token is left out and the rest renormalised.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” (%2) → “%3” (%4): %5 of its attention</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelHub</name>
    <message>
        <source>No model folder was given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model folder %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the model in %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The course&apos;s own model (%1) was not found (looked in: %2). Open the model library to download GPT-2 small or open a model folder, or start the app with --model FOLDER.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelIndicator</name>
    <message>
        <source>Model: %1. Switch model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model loaded. Get a model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
%2 layers × %3 heads, %4-dimensional, reads up to %5 tokens.
Folder: %6
%7Click to switch models.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The course&apos;s own small model, trained for this course: not GPT-2.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click to get a model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 layers × %3 heads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Get a model…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelLibraryModel</name>
    <message>
        <source>%1%2 to download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 layers × %2 heads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 already downloaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No folder was chosen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only models downloaded by Attention Lens can be removed here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not inside the app&apos;s models folder; it was left alone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This model is in use. Switch to another model first, then remove it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not remove %1 completely (check its permissions).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That model is no longer in the library.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelLibraryPage</name>
    <message>
        <source>Model library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hugging Face cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a GPT-2 model folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The course runs on any GPT-2-family model. GPT-2 small is the model the lessons talk about: 12 layers × 12 heads, 144 heads in all. Switching models keeps your text and your place; every figure and exercise is recomputed on the new model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading a model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In use: &lt;b&gt;%1&lt;/b&gt; — %2 layers × %3 heads.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is the course&apos;s own small model, trained for this course so that it works offline; it is not GPT-2. Download GPT-2 small below to see the model the lessons describe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model is loaded yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The previous model is still loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The download stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the model to check it…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard the partial download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● In use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not downloaded yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the downloaded files of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any GPT-2-family folder in Hugging Face layout: config.json, model.safetensors, vocab.json, merges.txt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloads come from huggingface.co (or $HF_ENDPOINT) at a fixed commit; every file is checked against its size and hash (pinned in the app for GPT-2 small, given by the server otherwise) and the model is test-loaded before it is saved in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also listed: models in the Hugging Face cache (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The downloaded files of %1 will be deleted from %2. You can download it again later.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MultiHeadDiagram</name>
    <message>
        <source>residual stream
%1 numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… %1 heads in all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>head %1: q, k, v of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>concatenate
%1 × %2 = %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mix by W_O
%1 × %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add to the
residual stream</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NotStation</name>
    <message>
        <source>Weights are not explanations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each cell: how far the next-token prediction after the first %1 tokens of your text moves (KL, nats) when that head&apos;s pattern is replaced. Pale cells: replacing that head&apos;s pattern barely moves the prediction.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How attention&apos;s cost grows with the text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wall-clock time, measured now with the engine&apos;s own layer functions on one core of this machine (the fastest of several runs per length). Time is not arithmetic: counted in multiply-adds, attention is T / (6·d) of the rest, which for this model (d = %1) reaches the rest only at %2 tokens; its context holds %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wall-clock time, measured now with the engine&apos;s own layer functions on one core of this machine (the fastest of several runs per length).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One head is not one concept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same head&apos;s census on the first %1 tokens of your text and of three others. Labels are heuristics.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The plumbing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where attention sits in the model, with the loaded model&apos;s sizes.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PatternSwapView</name>
    <message>
        <source>uniform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shuffled rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replacing the pattern barely moves the prediction: heads %1. Moves it most: heads %2. (KL in nats; columns are heads.)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PatternTile</name>
    <message>
        <source>Head %1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>head %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlumbingDiagram</name>
    <message>
        <source>tokens → embeddings + positions: %1 numbers per token (up to %2 positions)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one block, repeated %1 times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LayerNorm → attention: %1 heads of %2 → W_O (%3 × %3) → add to the residual stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LayerNorm → MLP: %1 → %2 → %1 (GELU) → add to the residual stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>final LayerNorm → unembedding: %1 scores, one per vocabulary token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 parameters in all · the residual stream keeps %2 numbers per token from start to end; each part adds to it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PredictCard</name>
    <message>
        <source>(Layer %1, head %2.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model&apos;s answer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>head %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>your number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your prediction</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProgressStore</name>
    <message>
        <source>it could not be read (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is not valid JSON (%1 at byte %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is not an Attention Lens progress file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it has no version number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it was written by a newer version of Attention Lens (format %1; this one reads %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its &quot;stations&quot; entry is missing or not an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your progress file could not be used because %1. It was kept as %2; the course starts with fresh progress.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your progress file %1 could not be used because %2, and it could not be moved aside. It is left untouched and progress in this run will not be saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your progress could not be saved to %1 (%2). It is kept while the app is open.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Head %1 is in the last layer, so no later head can take over its job.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With head %1 off, no head of the %2 in later layers raised its direct effect by a tenth of head %1&apos;s effect or more: this test finds no backup head on this text (a head could still make up for it through later layers).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With head %1 off, the direct effect of each of the %2 heads in later layers was compared with its value when all heads are on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searched: all %1 heads one at a time; then every pair among the %2 whose single knock-out moved the logit most (%3 pairs, in any layers). %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every one of the %2 heads reads all %1 numbers of a position&apos;s residual stream and projects them down with its own matrices to %1 / %2 = %3 numbers for its query, key and value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (token %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In head %1, the query of %2 scores highest against the key of %3: score %4, softmax weight %5. The largest score always gets the largest weight.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For %1 in head %2 the largest weight is %3 with the scaling and %4 without it: every score %5 times larger, so every gap between scores %5 times wider.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head %1: %2 gives its largest weight, %3, to %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On your text, layer %1&apos;s heads are labelled: %2. A sink puts most of its weight on the first token (Xiao et al. 2023); the labels are heuristics.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trained models such as GPT-2 small usually have many heads that rest on the first token; this model has none labelled sink in layer %1 on your text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Knocking out head %1 moves the next-token prediction by KL %2 nats; the median head moves it by %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heads labelled previous-token or self: %1 of %2 in layer 0, %3 of %2 in layer %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In GPT-2 small the previous-token heads Wang et al. (2022) found, 2.2 and 4.11, sit in early layers, where later induction heads can build on them (Elhage et al. 2021; Olsson et al. 2022). This model does not show more such heads in its first layer than in its last on your text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your text has no pronoun after its first word, so this exercise uses the example sentence “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In layer %1, averaged over its heads and leaving out the first token, which token does the pronoun %2 (token %3) attend to most? Click it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Averaged over layer %1&apos;s %2 heads (leaving out the first token), the pronoun %3 (token %4) puts %5 of its weight on %6. Where a weight goes is not what the pronoun means: in BERT, Clark et al. (2019) found single heads whose attention links a pronoun to what it refers to fairly often, and an average over heads blurs such heads.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In head %1, row %2 (%3) may see tokens 0 to %2; the largest of those scores, %4, belongs to %5, which gets weight %6. Every later token gets exactly 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Without the mask, the later token %1 would have scored higher still (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With the mask the top next token is %1 (%2); without it, %3 (%4). KL between the two predictions: %5 nats. The last token already sees everything, but the earlier tokens&apos; vectors now mix in later tokens, and that reaches the last position through the layers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In head %1, %2 may see only %3 and itself. Scores: %4 for %3, %5 for itself; the softmax of the two gives %3 weight %6.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At temperature 1 the most likely next token for your text, %1, has probability %2. Lower the temperature to %3: what probability will it get?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The top token %1 has probability %2 at temperature 1 and %3 at temperature %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At temperature %1, top-p %2 keeps %3 of %4 tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At temperature 1 it keeps %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replacing head %1&apos;s pattern with uniform weights moves the prediction by only %2 nats; the most sensitive head moves it by %3. A pattern that is already nearly even changes little when made uniform, and even a striking pattern can matter little if later layers make little use of what the head writes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head %1&apos;s label on the %2 texts: %3. Labels summarise one text&apos;s pattern; whether a head keeps its label across texts has to be tested, not assumed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your text has %1 tokens and the model&apos;s width is %2: attention&apos;s scores and weighted sums take %3 multiply-adds over the full grid (%4 over the allowed half), the projections and the MLP %5. Attention&apos;s arithmetic is %6% of the rest&apos;s (%7% over the allowed half).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This model has no head %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>previous-token score on your text %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>induction score on random tokens written twice %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the predicted token %1 does not occur earlier in your text: nothing to move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weight from the last token onto “%1” %2, direct effect on its logit %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weight onto “%1” %2, direct effect on its logit %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Induction head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer %1, head %2 scores highest on the induction test: on a random sequence of %3 tokens repeated twice, tokens in the second copy put on average %4 of their attention on the token that followed them in the first copy. In the sample text, point at a word of the second sentence and look where its attention goes.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QkvRealView</name>
    <message>
        <source>layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 numbers per vector · scores divided by √%1 = %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick the query token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>query of “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>value v</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>← the answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this head&apos;s output for the token</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QkvSandboxView</name>
    <message>
        <source>output Σwv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>softmax weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>score = q·k × √(d/2) (how a d-dimensional dot product would grow) ÷ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pretend d =</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pretend dimension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>divide by √d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset vectors</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SamplingView</name>
    <message>
        <source>top-k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top k (0 is off)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>top-p</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top p</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>temperature %1 · top-k %2 · top-p %3 · %4 candidate tokens kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next token (outline: temperature 1, no filters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generated with seed %1: &lt;i&gt;%2&lt;/i&gt;&lt;b&gt;%3&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScalingChart</name>
    <message>
        <source>Spread of q·k grows like √d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>std of q·k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>measured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest softmax weight (%1 keys)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>q·k (no scaling)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>q·k / √d</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShellHeader</name>
    <message>
        <source>← Course map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the course map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attention Lens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Attention Lens, licences and where your data lives</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SoftmaxBars</name>
    <message>
        <source>temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>score %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>probability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>softmax</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StationCard</name>
    <message>
        <source>Station %1: %2. %3. %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not built yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 percent done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not built yet — this station is still being written.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StationPage</name>
    <message>
        <source>Station %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try a text:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the text: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide the reading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the reading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This station is not built yet. Its figures and exercises are still being written; what you see below may be incomplete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This station&apos;s page could not be opened (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This station has no figures yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Station reading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Glossary: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TemperatureStation</name>
    <message>
        <source>Softmax with a temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Six candidate scores. Low temperature: the top score takes almost everything. High temperature: the bars even out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Six candidate scores and their softmax at the temperature you set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your text&apos;s next token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After the first %1 tokens of your text: the same temperature, plus top-k and top-p filters; the seed makes a generation repeatable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What if one head had a temperature?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The head&apos;s scores, on the first %1 tokens of your text, are divided by this temperature before its softmax.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TokenChip</name>
    <message>
        <source>⟨%1⟩</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>query</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TokenModel</name>
    <message>
        <source>Token %1 of %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, special token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, continues the previous word</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, the selected query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, receives %1 of the attention</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TokenStrip</name>
    <message>
        <source>Tokens of your text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the left and right arrow keys to choose a query token.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Veiled</name>
    <message>
        <source>Hidden until you commit your prediction below</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
