package dev.agentguard.agent.detect;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The words that {@link ToolDirective}, {@link ReaderAddress}, {@link Concealment} and {@link SkipConfirmation}
 * look for, marked on each token: the lexicon's table holds each word's marks next to its classes, so the
 * tokenizer's one probe per token finds both, instead of a list search per finder; a finder whose words are
 * not all in the text is not run at all ({@link #mark}). A word may carry several marks. The gates below do
 * the same for a few finders of their own.
 */
final class OrderWords {
  // ToolDirective: an order verb, a tool noun, and words after which an order verb still opens its clause.
  static final int ORDER_VERB = 1;
  static final int TOOL_NOUN = 1 << 1;
  static final int OPENER = 1 << 2;
  // ReaderAddress: an AI word, a role word, a note word, "to", a reading verb, a relative pronoun, "this".
  static final int AI = 1 << 3;
  static final int ROLE = 1 << 4;
  static final int NOTE = 1 << 5;
  static final int TO = 1 << 6;
  static final int READING = 1 << 7;
  static final int RELATIVE = 1 << 8;
  static final int THIS = 1 << 9;
  // Concealment: an order not to, "not", a word that makes "not" an order, a verb of telling; and OVERSEER.
  static final int NEGATED_ORDER = 1 << 10;
  static final int NOT = 1 << 11;
  static final int BEFORE_NOT = 1 << 12;
  static final int TELL = 1 << 13;
  /** A word of a text about attacks on AI: "injection", "attacker", "mitigation" ({@link AttackDiscussion}). */
  static final int DISCUSSION = 1 << 14;
  // ReaderAddress's further frames: "If you are an AI ...", "Hey AI agent, ...", "AI directive: ...".
  static final int IF = 1 << 15;
  static final int YOU = 1 << 16;
  static final int BE = 1 << 17;
  static final int GREETING = 1 << 18;
  /** A word that makes a role word software: "automated assistant", "language model", "browsing agent". */
  static final int AUTOMATED = 1 << 19;
  /** A role word that names software even alone, unlike "agent" or "system": "assistant", "bot". */
  static final int MACHINE = 1 << 20;
  /** What may follow an AI reader in a condition: "If you are an AI assistant with CRM access". */
  static final int WITH = 1 << 21;
  /**
   * A verb that orders an action when it opens a clause, in the imperative of each lexicon language: "send",
   * "add", "approve", "vertel", "ajoute". What a label to the AI reader must be followed by ("(Assistant:
   * please also add ...)"), as a heading about AI is not ("AI assistants: what they can do").
   */
  static final int ACTION = 1 << 22;
  /** "of", "de", "von", "的": a reader's phrase may go on with whose reader it is ("l'assistant IA de l'invité"). */
  static final int OF = 1 << 23;
  // SkipConfirmation: "without", a need denied, asking or confirming, and whom the agent answers to.
  /** "without", "ohne", "sans", "sin", "senza", "无需": a waiver by itself. */
  static final int WITHOUT = 1 << 24;
  /** "need", "necessary", "required", "besoin", "serve", "trzeba": a waiver after "no" or "not". */
  static final int NEED = 1 << 25;
  /** Asking, confirming, approving, waiting or escalating: what an agent does before it acts for someone. */
  static final int CONFIRM = 1 << 26;
  /**
   * Whom an agent answers to: "user", "owner", "human", "operator" in each lexicon language. Not "customer",
   * "manager" or a name: "without approval from your manager" is an office rule.
   */
  static final int OVERSEER = 1 << 27;
  /** "please", "must", "should" in each lexicon language: a sentence that holds one gives an order. */
  static final int MODAL = 1 << 28;
  /** Asking someone, a {@link #CONFIRM} word that may ask for anything: "ask the user for their password". */
  static final int ASK = 1 << 29;
  /** "to", "for", "zu", "de": what follows an asked person says what is asked ("ask the user to ..."). */
  static final int ASKED_FOR = 1 << 30;

  private static final WordBits WORDS = new WordBits(11);

  // Gates: a finder fires only if the text holds one of its words. They share the lexicon's slot with the
  // marks (Lexicon#marksAt, high half), the tokenizer collects a text's gates (ScanBuffer#wordGates) and a
  // finder whose words the text lacks is not run: one mask test instead of a look at every token.
  /** "q", "question", "input": {@link FewShotDialogue}'s question labels. */
  static final int GATE_QUESTION = 1;
  /** "a", "answer", "output": {@link FewShotDialogue}'s answer labels. */
  static final int GATE_ANSWER = 1 << 1;
  /** "good", "great", "perfect": {@link PraiseThenTask}'s praise. */
  static final int GATE_PRAISE = 1 << 2;
  /** "assistant", "ai", "bot", "agent": the names {@link ModelAddress} calls the model by. */
  static final int GATE_NAME = 1 << 3;
  /** "system", "systemanweisung": the words of a system tag ({@link StructureScanner}). */
  static final int GATE_SYSTEM = 1 << 4;
  private static final WordBits GATES = new WordBits(6);

  static {
    GATES.addAll(GATE_QUESTION, FewShotDialogue.QUESTION);
    GATES.addAll(GATE_ANSWER, FewShotDialogue.ANSWER);
    GATES.addAll(GATE_PRAISE, PraiseThenTask.PRAISE);
    GATES.addAll(GATE_NAME, ModelAddress.NAMES);
    GATES.addAll(GATE_NAME, ModelAddress.AGENT);
    GATES.addAll(GATE_SYSTEM, StructureScanner.SYSTEM_WORDS);
    GATES.addAll(GATE_SYSTEM, StructureScanner.SYSTEM_ORDERS);
  }
  /**
   * What makes a role word software after an AI word and a hyphen: "LLM-based tools", "AI-powered
   * assistants", "KI-gestützte Systeme" (marked {@link #AUTOMATED}, as "automated" is).
   */
  private static final WordBits BASED = WordBits.setOf("based", "powered", "driven", "enabled", "assisted", "backed",
      "basierte", "basierter", "basierten", "basiertes", "gestutzte", "gestutzter", "gestutzten", "gestutztes");
  /** The longest Chinese or Japanese word here: {@link Tokenizer} cuts a CJK run into these words too. */
  private static int longestCjk;

  static {
    define(ORDER_VERB, "call", "use", "invoke", "run", "execute", "trigger", "launch", "start", "rufe", "ruf",
        "verwende", "verwenden", "benutze", "benutzen", "nutze", "fuhre", "starte", "appelle", "appelez", "appeler",
        "utilise", "utilisez", "utiliser", "executez", "lance", "lancez", "llama", "llame", "usa", "utiliza",
        "utilice", "ejecuta", "ejecute", "invoca", "invoque", "chiama", "utilizza", "esegui", "chame", "utilize",
        "executa", "调用", "使用", "运行", "执行");
    define(TOOL_NOUN, "tool", "tools", "plugin", "werkzeug", "outil", "herramienta", "strumento", "ferramenta", "工具",
        "插件");
    define(OPENER, "now", "please", "then", "silently", "secretly", "quietly", "immediately", "first", "also", "just",
        "and", "must", "should", "shall", "will", "need", "needs", "jetzt", "bitte", "dann", "maintenant", "puis",
        "ahora", "luego", "ora", "poi", "agora", "depois", "现在", "然后", "请");

    define(AI, "ai", "llm", "llms", "chatbot", "chatbots", "gpt", "chatgpt", "copilot", "ki", "ia", "genai", "claude",
        "gemini", "sprachmodell", "sprachmodelle", "sprachmodellen", "taalmodel", "人工智能", "ai助手", "大模型", "语言模型",
        "大语言模型");
    define(ROLE, "assistant", "assistants", "agent", "agents", "bot", "bots", "model", "models", "system", "systems",
        "assistent", "assistenten", "assistentin", "agenten", "assistente", "assistenti", "asistente", "asistentes",
        "assistentes", "agente", "agentes", "modelo", "modelle", "modele", "modello", "modelli", "助手", "模型", "机器人",
        "代理", "系统", "系統", "tools", "crawler", "crawlers", "scraper", "scrapers", "software", "analyzer",
        "analyzers", "analyser", "analysers", "notetaker", "notetakers", "sistema", "sistemas", "sistemi", "systeme",
        "asystent", "asystenta", "asystentow", "modelu", "modeli", "intelligence", "intelligenza", "inteligencia",
        "intelligenz", "inteligencji", "アシスタント", "reviewer", "reviewers", "modell", "modells", "エージェント", "客服",
        "asystentom", "asystentowi", "asystenci", "agenta", "agentow", "agentom", "agenci");
    define(MACHINE, "assistant", "assistants", "bot", "bots", "assistent", "assistenten", "assistente", "assistenti",
        "asistente", "asistentes", "assistentes", "助手", "机器人", "asystent", "asystenta", "アシスタント", "asystentow",
        "asystentom", "asystentowi", "asystenci");
    define(AUTOMATED, "automated", "automatic", "autonomous", "digital", "virtual", "browsing", "language", "virtuel",
        "linguistico", "linguistica", "linguistici", "linguistique", "linguisticos", "linguistic",
        "virtuelle", "virtueller", "automatisierter", "automatisierte", "automatischer", "automatische", "autonomer",
        "autonome", "digitaler", "digitale", "automatise", "automatique", "numerique", "automatizado", "automatizada",
        "automatico", "automatica", "autonomo", "autonoma", "automatizzato", "automatizzata", "geautomatiseerde", "自动",
        "自动化", "automatizados", "automatizadas", "automatises", "automatisees", "automatizzati", "virtuale",
        "artificial", "artificiale", "artificielle", "kunstliche", "kunstlichen", "kunstlicher", "sztucznej",
        "sztuczna", "jezykowego", "jezykowy");
    define(NOTE, "note", "notes", "instruction", "instructions", "message", "notice", "hint", "directive",
        "directives", "request", "reminder", "ps", "memo", "attention", "attn", "hinweis", "nachricht", "anweisung",
        "anweisungen", "achtung", "remarque", "consigne", "consignes", "nota", "aviso", "instruccion", "instrucciones",
        "mensaje", "atencion", "avviso", "istruzione", "istruzioni", "messaggio", "instrucao", "instrucoes",
        "mensagem", "opmerking", "notitie", "bericht", "instructie", "instructies", "说明", "提示", "information",
        "observacao", "observacion", "osservazione", "uwaga", "wiadomosc", "instrukcja", "informacja", "指示", "お願い",
        "注意", "须知");
    define(TO, "to", "for", "an", "fur", "pour", "a", "para", "per", "al", "au", "aux", "ao", "aos", "voor", "aan",
        "致", "给", "dla", "all", "alla", "allo", "agli", "alle");
    define(READING, "reading", "reads", "read", "processing", "processes", "process", "handling", "handles", "handle",
        "summarizing", "summarising", "summarizes", "summarises", "summarize", "summarise", "parsing", "parses",
        "parse", "crawling", "crawls", "indexing", "scraping", "reviewing", "reviews", "review", "triaging",
        "analyzing", "analysing", "analyzes", "ingesting", "viewing", "sees", "lesen", "liest", "verarbeiten",
        "verarbeitet", "zusammenfassen", "zusammenfasst", "lit", "lisent", "lisez", "traite", "traitent", "resume",
        "resument", "lee", "leen", "lea", "procesa", "procesan", "legge", "leggono", "elabora", "elaborano", "riassume",
        "le", "leem", "processa", "processam", "riassuma", "riassumano", "legga", "leggano", "elabori", "resuma",
        "resuman", "procese", "procesen", "lise", "leia", "leiam", "processe", "leest", "lezen", "verwerkt",
        "verwerken", "samenvat", "samenvatten", "procesando", "leyendo", "mitliest", "mitlesen", "lendo", "leggendo",
        "riassumendo", "przetwarza", "przetwarzajacy", "przetwarzajacego", "obsluguje", "obslugujacy", "obslugujacego",
        "czyta", "czytajacy", "listing", "managing", "manages", "monitoring", "monitors", "evaluating", "evaluates",
        "assessing", "assesses", "screening", "screens", "evaluando", "evalua", "avaliando", "avalia", "valutando",
        "valuta", "bewertet", "bewerten", "beurteilt", "evalue", "evaluent", "处理", "读取", "阅读", "obslugujacych",
        "przetwarzajacych", "czytajacych", "analizujacy", "analizujacych", "analizujacego",
        // what a coding or operations agent does with a log, a repository or a service
        "investigating", "investigates", "diagnosing", "diagnoses", "debugging", "debugs", "troubleshooting",
        "troubleshoots", "inspecting", "inspects", "examining", "examines", "auditing", "audits", "generating",
        "generates", "editing", "modifying", "refactoring", "answering", "untersucht", "untersuchen", "analysiert",
        "analysieren", "pruft", "prufen", "generiert", "generieren", "analyse", "analysent", "examine", "examinent",
        "genere", "generent", "analiza", "analizan", "analizando", "revisa", "revisan", "revisando", "investiga",
        "investigan", "investigando", "analizza", "analizzano", "analizzando", "esamina", "esaminano", "analisa",
        "analisam", "analisando", "examinando", "gerando", "analyseert", "onderzoekt", "genereert", "生成", "汇总",
        "总结", "分析", "浏览", "审阅", "调试", "排查");
    define(RELATIVE, "who", "that", "which", "die", "der", "das", "welche", "qui", "que", "che", "los", "las", "cui",
        "ktory", "ktora", "ktore");
    define(THIS, "this", "these", "diese", "dieses", "diesen", "dieser", "ce", "cet", "cette", "ces", "este", "esta",
        "estos", "estas", "questo", "questa", "questi", "queste", "isto", "esse", "essa", "here", "hier", "aqui", "ten",
        "tego", "tej", "tym", "tych", "本", "该", "此");

    define(NEGATED_ORDER, "dont", "never", "nie", "niemals", "jamais", "nunca", "mai", "ne", "不要", "请勿", "切勿",
        "无需", "无须", "不必", "不用");
    define(NOT, "not", "nicht", "pas", "no", "non", "nao", "niet");
    define(BEFORE_NOT, "do", "must", "should", "shall", "will", "may", "darfst", "darf", "sollst", "soll", "please");
    define(TELL, "tell", "inform", "notify", "mention", "alert", "warn", "report", "disclose", "reveal", "let",
        "surface", "show", "sagen", "sag", "informieren", "benachrichtigen", "erwahnen", "erwahne", "dire", "dites",
        "informer", "informez", "prevenir", "prevenez", "digas", "decir", "informes", "informar", "menciones", "dirlo",
        "informare", "informi", "avvisare", "contar", "conte", "comunicar", "comunique", "comunicare", "informuj",
        "mow", "powiadamiaj", "signale", "signalez", "signaler", "mentionne", "mentionnez", "mentionner", "avertis",
        "avertissez", "avertir", "previens", "melde", "verrate", "mitteilen", "avises", "avisar", "diga", "informe",
        "avise", "mencione", "mencionar", "dica", "dire", "dirlo", "menzionare", "segnalare", "meld", "melden",
        "vertel", "vertellen", "informeer", "informeren", "zeg", "zeggen", "comunicarse", "告知", "告诉", "通知", "透露",
        "提醒");
    define(IF, "if", "wenn", "falls", "si", "se", "als", "indien", "如果", "若", "假如");
    define(YOU, "you", "youre", "your", "du", "dein", "deine", "sie", "ihr", "vous", "votre", "tu", "ton", "ta",
        "usted", "voce", "voi", "jij", "je", "u", "jouw", "uw", "你", "您");
    define(BE, "are", "youre", "bist", "seid", "sind", "etes", "es", "eres", "sois", "sei", "siete", "e", "for",
        "bent", "ben", "是", "is");
    define(WITH, "with", "having", "able", "capable", "mit", "avec", "con", "com", "met", "具有", "拥有");
    define(OF, "of", "de", "du", "des", "von", "vom", "del", "di", "do", "da", "van", "的");
    define(ACTION, "send", "forward", "email", "mail", "transfer", "wire", "pay", "release", "add", "delete", "remove",
        "erase", "submit", "approve", "merge", "place", "call", "update", "change", "set", "share", "grant", "book",
        "refund", "issue", "close", "skip", "tell", "recommend", "say", "reply", "include", "disable", "export",
        "upload", "post", "create", "reset", "cancel", "invite", "order", "buy", "purchase", "move", "copy", "visit",
        "click", "insert", "append", "rank", "schedule", "confirm", "reveal", "ignore", "execute", "run", "use",
        "invoke", "fetch", "open", "mark", "assign", "reassign", "sende", "schicke", "schick", "leite", "uberweise",
        "zahle", "fuge", "losche", "entferne", "andere", "setze", "teile", "gib", "sag", "sage", "erstelle", "offne",
        "klicke", "bestatige", "antworte", "schreibe", "ignoriere", "fuhre", "bestelle", "buche", "envoie", "envoyez",
        "transfere", "transferez", "ajoute", "ajoutez", "supprime", "supprimez", "modifie", "modifiez", "changez",
        "partage", "partagez", "dis", "dites", "reponds", "repondez", "ecris", "ecrivez", "cree", "creez", "ouvre",
        "ouvrez", "clique", "cliquez", "valide", "validez", "confirme", "confirmez", "paie", "payez", "ignorez",
        "executez", "commande", "commandez", "reserve", "reservez", "envia", "envie", "transfiere", "transfiera",
        "anade", "agrega", "agregue", "elimina", "elimine", "borra", "borre", "cambia", "cambie", "comparte",
        "comparta", "di", "diga", "responde", "responda", "escribe", "escriba", "crea", "abre", "abra", "haz",
        "confirma", "paga", "pague", "ignora", "ejecuta", "ejecute", "usa", "compra", "reserva", "invia", "inviate",
        "trasferisci", "aggiungi", "cancella", "condividi", "rispondi", "scrivi", "apri", "clicca", "conferma",
        "esegui", "ordina", "prenota", "transfira", "adicione", "exclua", "apague", "altere", "mude", "compartilhe",
        "escreva", "crie", "compre", "stuur", "verstuur", "zend", "voeg", "verwijder", "wijzig", "deel", "vertel",
        "zeg", "antwoord", "schrijf", "maak", "klik", "bevestig", "betaal", "negeer", "plaats", "bestel", "wyslij",
        "przelej", "dodaj", "usun", "zmien", "udostepnij", "powiedz", "odpowiedz", "zaplac", "发送", "转发", "添加", "删除",
        "修改", "分享", "告诉", "回复", "创建", "打开", "点击", "确认", "支付", "忽略", "执行", "调用", "下单", "转账", "accept", "attach",
        "archive", "record", "state", "describe", "write", "classify", "provide", "put", "list", "output", "report",
        "complete", "search", "declare", "aprove", "aprova", "gere", "apaguem", "apague", "marquez", "indiquez",
        "programmez", "acceptez", "accepte", "acepta", "acepte", "accetta", "dichiara", "indica", "przeslij", "pomin",
        "napisz", "分发", "出力", "zlec", "wykonaj", "zatwierdz", "envoyer", "transferer", "supprimer", "partager",
        "approuver", "enviar", "transferir", "eliminar", "borrar", "compartir", "aprobar", "inviare", "trasferire",
        "eliminare", "condividere", "approvare", "apagar", "excluir", "compartilhar", "aprovar", "uruchomic",
        "uruchom", "wyslac", "usunac", "przelac", "zatwierdzic", "udostepnic", "dodac", "senden", "weiterleiten",
        "loschen", "freigeben", "genehmigen", "uberweisen", "exporte", "exportez", "exporter", "exportiere",
        "exportieren", "exporta", "exportar", "esporta", "esportare", "exporteer", "exporteren", "schakel", "zet",
        "responder", "repondre", "rispondere", "antworten", "beantworten", "pin", "modify", "install", "upgrade",
        "downgrade", "replace", "rename", "tick", "select", "dump", "print", "respond", "recommande", "recommandez",
        "approuve", "approuvez", "recomienda", "recomiende", "raccomanda", "consiglia", "empfiehl", "empfehle",
        "recomenda", "recomende", "odpowiadaj", "polecaj", "polec");
    define(WITHOUT, "without", "ohne", "sans", "sin", "senza", "sem", "zonder", "bez", "无需", "无须", "不必", "不用", "不需要",
        "勿需");
    define(NEED, "need", "needs", "needed", "necessary", "required", "requires", "nodig", "notig", "erforderlich",
        "besoin", "necessaire", "falta", "necesario", "necesaria", "serve", "servono", "necessario", "necessaria",
        "occorre", "precisa", "preciso", "trzeba", "potrzeby", "musisz", "expected", "supposed");
    define(CONFIRM, "ask", "asking", "confirm", "confirming", "confirmation", "approval", "permission", "consent",
        "check", "checking", "verify", "verifying", "wait", "waiting", "escalate", "escalating", "consult",
        "consulting", "fragen", "nachfragen", "ruckfrage", "ruckfragen", "bestatigung", "bestatigen", "zustimmung",
        "genehmigung", "erlaubnis", "freigabe", "warten", "demander", "confirmer", "autorisation", "accord",
        "validation", "attendre", "preguntar", "pedir", "confirmacion", "confirmar", "permiso", "consentimiento",
        "aprobacion", "autorizacion", "esperar", "consultar", "chiedere", "conferma", "confermare", "permesso",
        "consenso", "approvazione", "autorizzazione", "attendere", "aspettare", "perguntar", "confirmacao",
        "permissao", "consentimento", "aprovacao", "autorizacao", "vragen", "bevestiging", "bevestigen", "toestemming",
        "goedkeuring", "wachten", "pytac", "pytania", "potwierdzenia", "potwierdzenie", "zgody", "确认", "询问", "请示",
        "同意", "批准", "审批");
    define(OVERSEER, "user", "users", "owner", "owners", "human", "humans", "operator", "operators", "benutzer",
        "nutzer", "nutzerin", "inhaber", "inhaberin", "eigentumer", "mensch", "menschen", "utilisateur",
        "utilisateurs", "utilisatrice", "proprietaire", "titulaire", "humain", "usuario", "usuarios", "usuaria",
        "propietario", "titular", "humano", "utente", "utenti", "proprietario", "titolare", "umano", "utilizador",
        "dono", "gebruiker", "gebruikers", "eigenaar", "uzytkownika", "uzytkownik", "uzytkownikow", "wlasciciela",
        "wlasciciel", "用户", "使用者", "负责人", "所有者", "本人");
    define(ASK, "ask", "asking", "fragen", "demander", "preguntar", "pedir", "chiedere", "perguntar", "vragen",
        "pytac");
    define(ASKED_FOR, "to", "for", "zu", "um", "de", "di", "a", "per", "por", "para", "om", "aby", "o");
    define(MODAL, "please", "must", "should", "shall", "bitte", "muss", "musst", "mussen", "sollte", "solltest",
        "soll", "sollst", "veuillez", "doit", "devez", "dois", "debe", "debes", "deben", "favor", "deve", "devi",
        "devono", "dovrebbe", "favore", "devem", "moet", "moeten", "prosze", "musi", "请", "必须", "务必", "powinien",
        "darf", "powinna", "powinno", "doivent", "deberia", "devrait");
    for (String[] group : AttackDiscussion.GROUPS) {
      define(DISCUSSION, group);
    }
    // Russian, folded as scanned text is ("агенту" is read as "aгehty", see Lexicon#foldWord). No word here
    // folds to a word of a Latin-script language ("не" would be "he"); the dative names the reader without a
    // "to" ("Агенту, который анализирует этот лог:", see ReaderAddress).
    define(AI, "ии", "нейросеть", "нейросети", "нейросетей", "нейросетям", "чатбот", "чатботы", "чатботу");
    define(ROLE, "агент", "агента", "агенту", "агенты", "агентов", "агентам", "ассистент", "ассистента",
        "ассистенту", "ассистенты", "ассистентов", "ассистентам", "бот", "бота", "боту", "боты", "ботов", "ботам",
        "модель", "модели", "моделям", "моделей", "система", "системы", "системе", "систем", "системам", "помощник",
        "помощника", "помощнику", "помощники", "помощников", "помощникам", "интеллект", "интеллекта", "интеллекту");
    define(MACHINE, "ассистент", "ассистента", "ассистенту", "ассистенты", "ассистентов", "ассистентам", "бот",
        "бота", "боту", "боты", "ботов", "ботам", "чатбот", "чатботы", "чатботу");
    define(AUTOMATED, "автоматический", "автоматического", "автоматическому", "автоматические", "автоматических",
        "автоматическим", "автоматизированный", "автоматизированные", "автоматизированных", "автоматизированным",
        "автономный", "автономные", "автономных", "автономным", "виртуальный", "виртуальные", "виртуальных",
        "виртуальному", "языковой", "языковые", "языковых", "языковым", "языковая", "искусственного",
        "искусственный");
    define(NOTE, "примечание", "указание", "указания", "инструкция", "инструкции", "сообщение", "заметка",
        "уведомление", "памятка", "внимание");
    define(TO, "для");
    define(READING, "читает", "читают", "читающий", "читающих", "читающему", "читающим", "обрабатывает",
        "обрабатывают", "обрабатывающий", "обрабатывающих", "обрабатывающему", "обрабатывающим", "анализирует",
        "анализируют", "анализирующий", "анализирующих", "анализирующему", "анализирующим", "просматривает",
        "просматривают", "просматривающий", "просматривающих", "проверяет", "проверяют", "проверяющий",
        "проверяющих", "изучает", "изучают", "индексирует", "индексируют", "резюмирует", "суммирует", "генерирует",
        "генерирующий", "генерирующих", "читающие", "обрабатывающие", "анализирующие", "просматривающие",
        "проверяющие", "генерирующие");
    define(RELATIVE, "который", "которая", "которое", "которые");
    define(THIS, "этот", "эта", "это", "эти", "этого", "этой", "этому", "этих", "этом", "эту", "этим", "данный",
        "данная", "данное", "данного", "данной", "данном", "данную");
    define(ACTION, "добавьте", "добавь", "отправьте", "отправь", "перешлите", "перешли", "удалите", "удали",
        "выполните", "выполни", "запустите", "запусти", "ответьте", "ответь", "напишите", "напиши", "скажите",
        "скажи", "укажите", "укажи", "установите", "установи", "измените", "измени", "сообщите", "сообщи",
        "порекомендуйте", "рекомендуйте", "используйте", "используй", "одобрите", "одобри", "подтвердите",
        "подтверди", "загрузите", "загрузи", "опубликуйте", "вставьте", "вставь", "замените", "замени");
    define(MODAL, "пожалуйста", "должен", "должна", "должно", "должны", "обязательно");
    define(GREETING, "привет", "здравствуй", "здравствуйте", "уважаемый", "уважаемые", "внимание");
    // A reader's words in further languages: Indonesian "Untuk asisten AI yang membaca tiket ini", Swedish "Till
    // den AI-assistent som hanterar kalendern", and "language model" as Romance languages say it ("modelo de
    // linguagem", "modèle de langage").
    define(TO, "untuk", "till");
    define(RELATIVE, "yang", "som");
    define(READING, "membaca", "memproses", "menangani", "hanterar", "laser", "behandlar");
    define(THIS, "ini"); // Polish "te" (these) is left out: in French "le bot qui te lit" it is "you"
    define(ROLE, "asisten");
    define(MACHINE, "asisten");
    define(AUTOMATED, "linguagem", "lenguaje", "linguaggio", "langage");
    define(GREETING, "hey", "hi", "hello", "dear", "yo", "greetings", "attention", "attn", "hallo", "liebe", "lieber",
        "liebes", "bonjour", "salut", "cher", "chere", "hola", "estimado", "estimada", "querido", "querida", "ciao",
        "caro", "cara", "gentile", "ola", "prezado", "prezada", "beste", "hoi", "你好", "您好", "亲爱的");
  }

  private OrderWords() {}

  private static void define(int mark, String... words) {
    for (String w : words) {
      if (Tokenizer.isCjk(w.charAt(w.length() - 1))) {
        longestCjk = Math.max(longestCjk, w.length());
      }
    }
    WORDS.add(mark, words);
  }

  static int maxCjkWord() {
    return longestCjk;
  }

  /**
   * Every marked or gated word's hash with its marks (low half) and gates (high half), for the lexicon's table
   * ({@link Lexicon#marksAt}).
   */
  static Map<Long, Long> entries() {
    Map<Long, Long> all = new LinkedHashMap<>();
    WORDS.entries().forEach((h, m) -> all.put(h, m & 0xffffffffL));
    GATES.entries().forEach((h, g) -> all.merge(h, (long) g << 32, (a, b) -> a | b));
    return all;
  }

  /** The marks of a word by its hash; 0 for most words. */
  static int of(long hash) {
    return WORDS.of(hash);
  }

  /**
   * Completes the marks of the tokens of {@code b} ({@link ScanBuffer#tokMark}; the tokenizer stores each word's
   * own, {@link #of}, from its lexicon probe) and returns the union of the marks. An AI word of two or three
   * letters joined to a role word by a hyphen ("KI-Assistenten", "AI-agent", "LLM-Agenten"; the tokenizer flags
   * such words) is marked {@link #AI}; joined to "based" or "powered" ("LLM-based"), {@link #AUTOMATED}. A
   * longer compound that ends in a role word is that role ("clinic-assistant", "review-bot"), and an AI one if
   * an AI or automating word opens it ("language-model", "chatbot-assistant").
   */
  static int mark(ScanBuffer b) {
    int all = 0;
    int flags = 0;
    for (int t = 0; t < b.tokenCount; t++) {
      all |= b.tokMark[t];
      flags |= b.tokFlags[t];
    }
    if ((flags & (Tokenizer.FLAG_SHORT_PREFIX | Tokenizer.FLAG_HYPHENATED)) != 0) { // rare, kept out of the loop
      for (int t = 0; t < b.tokenCount; t++) {
        int m = (b.tokFlags[t] & Tokenizer.FLAG_SHORT_PREFIX) != 0 ? hyphenated(b.norm, b.tokStart[t], b.tokEnd[t])
            : (b.tokFlags[t] & Tokenizer.FLAG_HYPHENATED) != 0 ? compound(b.norm, b.tokStart[t], b.tokEnd[t]) : 0;
        b.tokMark[t] |= m;
        all |= m;
      }
    }
    return all;
  }

  /** The marks of a hyphenated compound by its last part: a role word's, and {@link #AI} after an AI word. */
  private static int compound(char[] s, int from, int to) {
    int last = to - 1;
    while (last > from && s[last] != '-') {
      last--;
    }
    int role = of(hash(s, last + 1, to)) & (ROLE | MACHINE);
    if (role == 0) {
      return 0;
    }
    int first = from;
    while (first < to && s[first] != '-') {
      first++;
    }
    return (of(hash(s, from, first)) & (AI | AUTOMATED)) != 0 ? role | AI : role;
  }

  private static int hyphenated(char[] s, int from, int to) {
    int dash = s[from + 2] == '-' ? from + 2 : from + 3;
    if ((of(hash(s, from, dash)) & AI) == 0) {
      return 0;
    }
    long rest = hash(s, dash + 1, to);
    // "KI-Assistent" is an AI reader, and so is an AI process: "AI-review" ("Opmerking voor AI-review:"), not
    // one in "-ing" that qualifies a noun ("AI-reviewing teams")
    int marks = of(rest);
    boolean process = (marks & READING) != 0 && !endsInIng(s, dash + 1, to, 4);
    return (marks & ROLE) != 0 || process ? AI : BASED.contains(rest) ? AUTOMATED : 0;
  }

  /** Whether the word in [{@code from}, {@code to}) ends in "-ing" and has at least {@code minLength} chars. */
  static boolean endsInIng(char[] s, int from, int to, int minLength) {
    return to - from >= minLength && s[to - 3] == 'i' && s[to - 2] == 'n' && s[to - 1] == 'g';
  }

  /** The hash of a short-prefixed word's part after its hyphen ("ассистенту" of "ИИ-ассистенту"). */
  static long afterHyphen(ScanBuffer b, int t) {
    int from = b.tokStart[t];
    int dash = b.norm[from + 2] == '-' ? from + 2 : from + 3;
    return hash(b.norm, dash + 1, b.tokEnd[t]);
  }

  private static long hash(char[] s, int from, int to) {
    long h = Lexicon.FNV_OFFSET;
    for (int i = from; i < to; i++) {
      if (Tokenizer.isWordChar(s[i])) {
        h = Lexicon.step(h, s[i]);
      }
    }
    return h;
  }
}
