/**
 * Top-level domains accepted for a bare domain name ("example.com" with no scheme), where a dotted word is
 * otherwise too often a file name or an identifier. Country codes that are also common file extensions
 * (.py, .md, .sh, .rs, .pl…) are left out: "setup.py" in a prompt is code, not a website.
 */
const COUNTRY = `ac ad ae af ag ai al ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo br bs bt bw by bz ca
cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg er es et eu fi fj fk fm fo fr ga gd ge gf
gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo jp ke kg kh ki km kn
kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc me mg mh mm mn mp mq mr mt mu mv mw mx my mz na nc ne nf ng
ni nl no np nr nu nz om pa pe pf pg ph pk pn pr pt pw qa re ro ru rw sa sb sd se sg si sk sl sm sn sr ss st su sv sx sy
sz tc td tg th tj tk tl tm tn to tr tt tv tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw`;

// Generic TLDs that are not also everyday member names in code (".info", ".name", ".app", ".page" are).
const GENERIC = 'com org net edu gov mil int biz xyz online tech cloud';

// Country codes that read as words or identifiers in prose and code ("obj.id", "this.is", "file.in").
const AMBIGUOUS = new Set('id to is at no it me in do as be by so la ma my re am ax ms st sh ps tv'.split(' '));

export const BARE_DOMAIN_TLDS: ReadonlySet<string> = new Set(
  `${COUNTRY} ${GENERIC}`.split(/\s+/).filter((t) => t.length > 0 && !AMBIGUOUS.has(t)),
);
