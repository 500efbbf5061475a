#!/usr/bin/env python3
"""Derives data/cues.tsv: the attribution-cue lexicon with a prior per word form.

The verbs below are the speech, report and belief verbs of English news. The
prior of each form is how often it is annotated as a cue in PolNeAR train
(../shared/data/polnear/train/docs.jsonl), outside quotation marks, smoothed
towards the class default; forms seen fewer than 5 times keep the default.
Run: python3 scripts/derive_cues.py ../shared/data/polnear/train/docs.jsonl > data/cues.tsv
"""
import collections
import json
import re
import sys

# lemma: (3sg, past, gerund, participle) — None means regular.
SPEECH = """say:says,said,saying,said tell:tells,told,telling,told add:adds,added,adding,added
argue:argues,argued,arguing,argued warn:warns,warned,warning,warned insist:insists,insisted,insisting,insisted
write:writes,wrote,writing,written ask:asks,asked,asking,asked note:notes,noted,noting,noted
continue:continues,continued,continuing,continued explain:explains,explained,explaining,explained
claim:claims,claimed,claiming,claimed state:states,stated,stating,stated declare:declares,declared,declaring,declared
announce:announces,announced,announcing,announced reply:replies,replied,replying,replied
respond:responds,responded,responding,responded answer:answers,answered,answering,answered
suggest:suggests,suggested,suggesting,suggested acknowledge:acknowledges,acknowledged,acknowledging,acknowledged
admit:admits,admitted,admitting,admitted concede:concedes,conceded,conceding,conceded
tweet:tweets,tweeted,tweeting,tweeted post:posts,posted,posting,posted report:reports,reported,reporting,reported
recall:recalls,recalled,recalling,recalled predict:predicts,predicted,predicting,predicted
promise:promises,promised,promising,promised vow:vows,vowed,vowing,vowed pledge:pledges,pledged,pledging,pledged
urge:urges,urged,urging,urged charge:charges,charged,charging,charged complain:complains,complained,complaining,complained
contend:contends,contended,contending,contended maintain:maintains,maintained,maintaining,maintained
assert:asserts,asserted,asserting,asserted allege:alleges,alleged,alleging,alleged
confirm:confirms,confirmed,confirming,confirmed deny:denies,denied,denying,denied
emphasise:emphasises,emphasised,emphasising,emphasised emphasize:emphasizes,emphasized,emphasizing,emphasized
stress:stresses,stressed,stressing,stressed observe:observes,observed,observing,observed
remark:remarks,remarked,remarking,remarked comment:comments,commented,commenting,commented
quip:quips,quipped,quipping,quipped joke:jokes,joked,joking,joked boast:boasts,boasted,boasting,boasted
tout:touts,touted,touting,touted caution:cautions,cautioned,cautioning,cautioned
point:points,pointed,pointing,pointed reveal:reveals,revealed,revealing,revealed
disclose:discloses,disclosed,disclosing,disclosed indicate:indicates,indicated,indicating,indicated
signal:signals,signalled,signalling,signalled signal_us:signals,signaled,signaling,signaled
estimate:estimates,estimated,estimating,estimated conclude:concludes,concluded,concluding,concluded
agree:agrees,agreed,agreeing,agreed counter:counters,countered,countering,countered
retort:retorts,retorted,retorting,retorted reiterate:reiterates,reiterated,reiterating,reiterated
repeat:repeats,repeated,repeating,repeated mention:mentions,mentioned,mentioning,mentioned
describe:describes,described,describing,described testify:testifies,testified,testifying,testified
shout:shouts,shouted,shouting,shouted yell:yells,yelled,yelling,yelled cry:cries,cried,crying,cried
whisper:whispers,whispered,whispering,whispered scream:screams,screamed,screaming,screamed
proclaim:proclaims,proclaimed,proclaiming,proclaimed predict2:predicts,predicted,predicting,predicted
accuse:accuses,accused,accusing,accused criticise:criticises,criticised,criticising,criticised
criticize:criticizes,criticized,criticizing,criticized blast:blasts,blasted,blasting,blasted
slam:slams,slammed,slamming,slammed praise:praises,praised,praising,praised
dismiss:dismisses,dismissed,dismissing,dismissed defend:defends,defended,defending,defended
cite:cites,cited,citing,cited quote:quotes,quoted,quoting,quoted
recount:recounts,recounted,recounting,recounted clarify:clarifies,clarified,clarifying,clarified
hint:hints,hinted,hinting,hinted demand:demands,demanded,demanding,demanded
inform:informs,informed,informing,informed advise:advises,advised,advising,advised
assure:assures,assured,assuring,assured reassure:reassures,reassured,reassuring,reassured
remind:reminds,reminded,reminding,reminded brief:briefs,briefed,briefing,briefed
speak:speaks,spoke,speaking,spoken echo:echoes,echoed,echoing,echoed
wonder:wonders,wondered,wondering,wondered muse:muses,mused,musing,mused
sigh:sighs,sighed,sighing,sighed conclude2:concludes,concluded,concluding,concluded
elaborate:elaborates,elaborated,elaborating,elaborated summarise:summarises,summarised,summarising,summarised
acknowledge2:acknowledges,acknowledged,acknowledging,acknowledged announce2:announces,announced,announcing,announced
threaten:threatens,threatened,threatening,threatened predict3:predicts,predicted,predicting,predicted
call:calls,called,calling,called label:labels,labeled,labeling,labeled label_uk:labels,labelled,labelling,labelled
dub:dubs,dubbed,dubbing,dubbed brand:brands,branded,branding,branded term:terms,termed,terming,termed
lament:laments,lamented,lamenting,lamented decry:decries,decried,decrying,decried
concur:concurs,concurred,concurring,concurred object:objects,objected,objecting,objected
protest:protests,protested,protesting,protested propose:proposes,proposed,proposing,proposed
talk:talks,talked,talking,talked refer:refers,referred,referring,referred push:pushes,pushed,pushing,pushed
highlight:highlights,highlighted,highlighting,highlighted mock:mocks,mocked,mocking,mocked
recognize:recognizes,recognized,recognizing,recognized portray:portrays,portrayed,portraying,portrayed
reference:references,referenced,referencing,referenced embrace:embraces,embraced,embracing,embraced
lay:lays,laid,laying,laid promote:promotes,promoted,promoting,promoted encourage:encourages,encouraged,encouraging,encouraged
condemn:condemns,condemned,condemning,condemned rail:rails,railed,railing,railed imply:implies,implied,implying,implied
applaud:applauds,applauded,applauding,applauded apologize:apologizes,apologized,apologizing,apologized
underscore:underscores,underscored,underscoring,underscored assail:assails,assailed,assailing,assailed
plead:pleads,pleaded,pleading,pleaded dispute:disputes,disputed,disputing,disputed paint:paints,painted,painting,painted
invoke:invokes,invoked,invoking,invoked congratulate:congratulates,congratulated,congratulating,congratulated
speculate:speculates,speculated,speculating,speculated rebuke:rebukes,rebuked,rebuking,rebuked
hail:hails,hailed,hailing,hailed forecast:forecasts,forecast,forecasting,forecast chide:chides,chided,chiding,chided
characterize:characterizes,characterized,characterizing,characterized lash:lashes,lashed,lashing,lashed
focus:focuses,focused,focusing,focused
"""

BELIEF = """think:thinks,thought,thinking,thought believe:believes,believed,believing,believed
feel:feels,felt,feeling,felt hope:hopes,hoped,hoping,hoped expect:expects,expected,expecting,expected
fear:fears,feared,fearing,feared worry:worries,worried,worrying,worried know:knows,knew,knowing,known
doubt:doubts,doubted,doubting,doubted reckon:reckons,reckoned,reckoning,reckoned
suspect:suspects,suspected,suspecting,suspected want:wants,wanted,wanting,wanted
show:shows,showed,showing,shown find:finds,found,finding,found
read:reads,read,reading,read
seem:seems,seemed,seeming,seemed appear:appears,appeared,appearing,appeared
endorse:endorses,endorsed,endorsing,endorsed support:supports,supported,supporting,supported
back:backs,backed,backing,backed oppose:opposes,opposed,opposing,opposed
see:sees,saw,seeing,seen refuse:refuses,refused,refusing,refused decline:declines,declined,declining,declined
plan:plans,planned,planning,planned seek:seeks,sought,seeking,sought offer:offers,offered,offering,offered
question:questions,questioned,questioning,questioned reject:rejects,rejected,rejecting,rejected
attack:attacks,attacked,attacking,attacked express:expresses,expressed,expressing,expressed
order:orders,ordered,ordering,ordered decide:decides,decided,deciding,decided
discuss:discusses,discussed,discussing,discussed blame:blames,blamed,blaming,blamed
consider:considers,considered,considering,considered learn:learns,learned,learning,learned
identify:identifies,identified,identifying,identified prefer:prefers,preferred,preferring,preferred
denounce:denounces,denounced,denouncing,denounced recommend:recommends,recommended,recommending,recommended
intend:intends,intended,intending,intended favor:favors,favored,favoring,favored
favour:favours,favoured,favouring,favoured envision:envisions,envisioned,envisioning,envisioned
"""

def parse(block, cls):
    out = {}
    for item in block.split():
        lemma, forms = item.split(":")
        lemma = re.sub(r"(_us|\d)$", "", lemma)
        for f in [lemma] + forms.split(","):
            out.setdefault(f, (lemma, cls))
    return out

def main():
    lex = parse(SPEECH, "speech")
    for k, v in parse(BELIEF, "belief").items():
        lex.setdefault(k, v)
    cue = collections.Counter()
    tot = collections.Counter()
    if len(sys.argv) > 1:
        for line in open(sys.argv[1], encoding="utf-8"):
            d = json.loads(line)
            t = d["text"]
            mark = bytearray(len(t))
            for a in d["attributions"]:
                for s, e in a["cue"]:
                    mark[s:e] = b"\1" * (e - s)
            for m in re.finditer(r"[A-Za-z]+", t):
                w = m.group().lower()
                if w in lex:
                    tot[w] += 1
                    cue[w] += mark[m.start()]
    default = {"speech": 0.6, "belief": 0.25}
    print("# form\tlemma\tclass\tprior\t(cue count / occurrences in PolNeAR train)")
    for f in sorted(lex):
        lemma, cls = lex[f]
        n, c = tot[f], cue[f]
        prior = (c + 5 * default[cls]) / (n + 5) if n >= 5 else default[cls]
        print(f"{f}\t{lemma}\t{cls}\t{prior:.3f}\t{c}/{n}")

if __name__ == "__main__":
    main()
