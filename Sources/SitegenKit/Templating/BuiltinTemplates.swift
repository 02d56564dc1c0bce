/// The templates every site gets; a site's `Templates/NAME.mustache` replaces the one of that name.
enum BuiltinTemplates {
    static let all: [String: String] = [
        "base": base, "article": article, "home": home, "topic": topic, "topics": topics, "404": notFound,
        "article-list": articleList, "pagination": pagination, "search": search,
    ]

    static let base = #"""
    <!DOCTYPE html>
    <html lang="{{site.language}}" dir="{{dir}}">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="color-scheme" content="light dark">
    <script>{{{themeBootScript}}}</script>
    <title>{{$title}}{{site.title}}{{/title}}</title>
    {{#description}}<meta name="description" content="{{description}}">
    {{/description}}{{#canonicalURL}}<link rel="canonical" href="{{canonicalURL}}">
    {{/canonicalURL}}    {{#pager}}{{#prevURL}}<link rel="prev" href="{{prevURL}}">
    {{/prevURL}}{{#nextURL}}<link rel="next" href="{{nextURL}}">
    {{/nextURL}}{{/pager}}<link rel="stylesheet" href="{{root}}assets/sitegen.css">
    <link rel="icon" href="{{root}}assets/favicon.svg" type="image/svg+xml">
    {{#siteFeedURL}}<link rel="alternate" type="application/atom+xml" title="{{site.title}}" href="{{siteFeedURL}}">
    {{/siteFeedURL}}<meta property="og:site_name" content="{{site.title}}">
    <meta property="og:title" content="{{pageTitle}}">
    {{#canonicalURL}}<meta property="og:url" content="{{canonicalURL}}">
    {{/canonicalURL}}    <meta property="og:type" content="{{ogType}}">
    {{#description}}<meta property="og:description" content="{{description}}">
    {{/description}}{{$head}}{{/head}}<script src="{{root}}assets/sitegen.js" defer></script>
    {{#searchURL}}<script src="{{root}}assets/search.js" defer></script>
    {{/searchURL}}
    </head>
    <body>
    <a class="skip-link" href="#main"{{#words.en.skipLink}} lang="en"{{/words.en.skipLink}}>{{words.skipLink}}</a>
    <header class="site-header">
    <a class="site-name" href="{{root}}">{{site.title}}</a>
    {{#hasNav}}<nav class="site-nav" aria-label="{{words.siteNavigation}}"><ul>{{#nav}}<li><a href="{{url}}">{{title}}</a></li>{{/nav}}</ul></nav>
    {{/hasNav}}{{#searchURL}}<form class="site-search" role="search" aria-label="{{words.siteSearch}}" action="{{searchURL}}" method="get" data-search="header">
    <label for="site-search-query" class="visually-hidden"{{#words.en.searchLabel}} lang="en"{{/words.en.searchLabel}}>{{words.searchLabel}}</label>
    <input type="search" id="site-search-query" name="q" placeholder="{{words.search}}" autocomplete="off" spellcheck="false">
    <button type="submit" class="control"{{#words.en.search}} lang="en"{{/words.en.search}}>{{words.search}}</button>
    </form>
    {{/searchURL}}<div class="controls">
    <button type="button" id="theme-toggle" class="control" aria-pressed="false"{{#words.en.mode}} lang="en"{{/words.en.mode}}><span class="icon" aria-hidden="true">◐</span> {{words.mode}}</button>
    <button type="button" id="text-size-toggle" class="control" aria-describedby="text-size-state"{{#words.en.textSize}} lang="en"{{/words.en.textSize}}><span class="icon" aria-hidden="true">A<span class="icon-large">A</span></span> {{words.textSize}}</button>
    <span id="text-size-state" class="visually-hidden" aria-live="polite"></span>
    </div>
    </header>
    <main id="main" tabindex="-1">
    {{$main}}{{/main}}
    </main>
    <footer class="site-footer">
    {{$footer}}<p{{#words.en.footer}} lang="en"{{/words.en.footer}}>{{words.footer}}</p>{{/footer}}
    <p><a href="{{root}}"{{#words.en.allQuestions}} lang="en"{{/words.en.allQuestions}}>{{words.allQuestions}}</a> · <a href="{{root}}topics/"{{#words.en.topics}} lang="en"{{/words.en.topics}}>{{words.topics}}</a>{{#siteFeedURL}} · <a href="{{siteFeedURL}}"{{#words.en.feed}} lang="en"{{/words.en.feed}}>{{words.feed}}</a>{{/siteFeedURL}}</p>
    </footer>
    </body>
    </html>

    """#

    static let article = #"""
    {{<base}}
    {{$title}}{{title}} · {{site.title}}{{/title}}
    {{$head}}{{#jsonLD}}<script type="application/ld+json">{{{jsonLD}}}</script>
    {{/jsonLD}}{{/head}}
    {{$main}}
    <article class="article">
    <header class="article-header">
    {{#topic}}<p class="eyebrow"><a href="{{topicURL}}">{{topic}}</a></p>{{/topic}}
    <h1>{{title}}</h1>
    <p class="meta">{{#confidence}}<span class="badge badge-{{confidence}}"{{#words.en.confidence}} lang="en"{{/words.en.confidence}}><span class="badge-mark" aria-hidden="true">{{confidenceMark}}</span> {{{confidenceLabelHTML}}}</span>{{/confidence}}{{#confidence}}{{#reviewed}} <span class="meta-sep" aria-hidden="true">·</span> {{/reviewed}}{{/confidence}}{{#reviewed}}<span class="reviewed">{{#words.en.lastReviewed}}<span lang="en">{{/words.en.lastReviewed}}{{words.lastReviewed}}{{#words.en.lastReviewed}}</span>{{/words.en.lastReviewed}} <time datetime="{{reviewedISO}}">{{reviewed}}</time></span>{{/reviewed}}</p>
    {{#confidenceExplanation}}<details class="confidence-help"><summary{{#words.en.confidenceQuestion}} lang="en"{{/words.en.confidenceQuestion}}>{{{confidenceQuestionHTML}}}</summary><p{{#confidenceExplanationInEnglish}} lang="en"{{/confidenceExplanationInEnglish}}>{{confidenceExplanation}}</p></details>{{/confidenceExplanation}}
    {{#summary}}<p class="summary">{{summary}}</p>{{/summary}}
    </header>
    <div class="article-body">
    {{{body}}}
    </div>
    {{#hasQuestions}}
    <section class="questions" aria-labelledby="questions-heading">
    <h2 id="questions-heading"{{#words.en.questions}} lang="en"{{/words.en.questions}}>{{words.questions}}</h2>
    <ul>
    {{#questions}}<li>{{.}}</li>
    {{/questions}}
    </ul>
    </section>
    {{/hasQuestions}}
    {{#hasReferences}}
    <section id="references" class="references" aria-labelledby="references-heading">
    <h2 id="references-heading"{{#words.en.references}} lang="en"{{/words.en.references}}>{{words.references}}</h2>
    <!-- {{citationStyleCredit}} -->
    <ol{{^numberedReferences}} class="unnumbered"{{/numberedReferences}}>
    {{#references}}<li id="{{id}}">{{{html}}}</li>
    {{/references}}
    </ol>
    </section>
    {{/hasReferences}}
    </article>
    {{/main}}
    {{$footer}}<p class="disclaimer">{{#topic}}{{#words.en.topicNote}}<span lang="en">{{/words.en.topicNote}}{{topicNote}}{{#words.en.topicNote}}</span>{{/words.en.topicNote}} {{/topic}}{{#words.en.disclaimer}}<span lang="en">{{/words.en.disclaimer}}{{words.disclaimer}}{{#words.en.disclaimer}}</span>{{/words.en.disclaimer}}</p>{{/footer}}
    {{/base}}

    """#

    static let articleList = #"""
    <ul class="article-list">
    {{#articles}}
    <li>
    <h2><a href="{{url}}">{{title}}</a></h2>
    {{#summary}}<p>{{summary}}</p>{{/summary}}
    <p class="meta">{{#confidence}}<span class="badge badge-{{confidence}}"{{#words.en.confidence}} lang="en"{{/words.en.confidence}}><span class="badge-mark" aria-hidden="true">{{confidenceMark}}</span> {{{confidenceLabelHTML}}}</span> {{/confidence}}{{#reviewed}}<span class="reviewed">{{#words.en.lastReviewed}}<span lang="en">{{/words.en.lastReviewed}}{{words.lastReviewed}}{{#words.en.lastReviewed}}</span>{{/words.en.lastReviewed}} <time datetime="{{reviewedISO}}">{{reviewed}}</time></span>{{/reviewed}}{{#topic}} <span class="meta-sep" aria-hidden="true">·</span> <a href="{{topicURL}}">{{topic}}</a>{{/topic}}</p>
    </li>
    {{/articles}}
    </ul>
    {{>pagination}}

    """#

    /// The links between the pages of a list, when it has more than one (see `paginate`).
    static let pagination = #"""
    {{#pager}}
    <nav class="pagination" aria-label="{{words.pages}}">
    <ul>
    {{#prevURL}}<li><a href="{{prevURL}}" rel="prev"{{#words.en.previous}} lang="en"{{/words.en.previous}}>{{words.previous}}<span class="visually-hidden"> {{words.page}}</span></a></li>
    {{/prevURL}}
    {{#pages}}
    {{#isGap}}<li><span class="pagination-gap" aria-hidden="true">…</span></li>{{/isGap}}
    {{^isGap}}<li><a href="{{url}}"{{#isCurrent}} aria-current="page"{{/isCurrent}}><span class="visually-hidden"{{#words.en.pageNumber}} lang="en"{{/words.en.pageNumber}}>{{words.pageNumber}} </span>{{number}}</a></li>{{/isGap}}
    {{/pages}}
    {{#nextURL}}<li><a href="{{nextURL}}" rel="next"{{#words.en.next}} lang="en"{{/words.en.next}}>{{words.next}}<span class="visually-hidden"> {{words.page}}</span></a></li>
    {{/nextURL}}
    </ul>
    <p class="pagination-status"{{#words.en.pageOf}} lang="en"{{/words.en.pageOf}}>{{status}}</p>
    </nav>
    {{/pager}}

    """#

    static let home = #"""
    {{<base}}
    {{$title}}{{#pager}}{{#prevURL}}{{pageTitle}}{{/prevURL}}{{^prevURL}}{{site.title}}{{/prevURL}}{{/pager}}{{^pager}}{{site.title}}{{/pager}}{{/title}}
    {{$main}}
    <h1>{{pageTitle}}</h1>
    {{#description}}<p class="summary">{{description}}</p>{{/description}}
    {{{body}}}
    {{#hasTopics}}<nav class="topic-nav" aria-label="{{words.topics}}"><ul>{{#topics}}<li><a href="{{url}}">{{name}}</a> ({{count}})</li>{{/topics}}</ul></nav>{{/hasTopics}}
    {{>article-list}}
    {{/main}}
    {{/base}}

    """#

    static let topic = #"""
    {{<base}}
    {{$title}}{{pageTitle}} · {{site.title}}{{/title}}
    {{$head}}{{#feedURL}}<link rel="alternate" type="application/atom+xml" title="{{name}} · {{site.title}}" href="{{feedURL}}">
    {{/feedURL}}{{/head}}
    {{$main}}
    <h1>{{name}}</h1>
    <p class="summary"{{#words.en.topicSummary}} lang="en"{{/words.en.topicSummary}}>{{topicSummary}}</p>
    {{>article-list}}
    {{/main}}
    {{/base}}

    """#

    static let topics = #"""
    {{<base}}
    {{$title}}{{pageTitle}} · {{site.title}}{{/title}}
    {{$main}}
    <h1{{#words.en.topics}} lang="en"{{/words.en.topics}}>{{words.topics}}</h1>
    <ul class="topic-list">
    {{#topics}}<li><a href="{{url}}">{{name}}</a> ({{count}})</li>
    {{/topics}}
    </ul>
    {{>pagination}}
    {{/main}}
    {{/base}}

    """#

    /// `/search/`: a form whose results the search script shows as the reader types, and every question A to Z,
    /// which is what a reader without JavaScript gets.
    static let search = #"""
    {{<base}}
    {{$title}}{{pageTitle}} · {{site.title}}{{/title}}
    {{$main}}
    <h1{{#words.en.search}} lang="en"{{/words.en.search}}>{{words.search}}</h1>
    <form class="search-form" role="search" aria-label="{{words.searchLabel}}" action="{{searchURL}}" method="get" data-search="page">
    <label for="search-page-query"{{#words.en.searchPageLabel}} lang="en"{{/words.en.searchPageLabel}}>{{words.searchPageLabel}}</label>
    <div class="search-row">
    <input type="search" id="search-page-query" name="q" autocomplete="off" spellcheck="false">
    <button type="submit" class="control"{{#words.en.search}} lang="en"{{/words.en.search}}>{{words.search}}</button>
    </div>
    </form>
    <p class="no-js-note"{{#words.en.searchNeedsJavaScript}} lang="en"{{/words.en.searchNeedsJavaScript}}>{{words.searchNeedsJavaScript}}</p>
    <h2 id="all-questions"{{#words.en.allQuestionsAToZ}} lang="en"{{/words.en.allQuestionsAToZ}}>{{words.allQuestionsAToZ}}</h2>
    {{#hasLetters}}<nav class="letter-index" aria-label="{{words.byFirstLetter}}">
    <ul>
    {{#letters}}<li><a href="{{url}}"><span class="visually-hidden"{{#labelInEnglish}} lang="en"{{/labelInEnglish}}>{{label}}</span>{{letter}}</a></li>
    {{/letters}}
    </ul>
    </nav>
    {{/hasLetters}}
    <ul class="question-index" aria-labelledby="all-questions">
    {{#articles}}<li{{#letterID}} id="{{letterID}}"{{/letterID}}><a href="{{url}}">{{title}}</a></li>
    {{/articles}}
    </ul>
    {{>pagination}}
    {{/main}}
    {{/base}}

    """#

    static let notFound = #"""
    {{<base}}
    {{$title}}{{words.notFound}} · {{site.title}}{{/title}}
    {{$head}}<meta name="robots" content="noindex">
    {{/head}}{{$main}}
    <h1{{#words.en.notFound}} lang="en"{{/words.en.notFound}}>{{words.notFound}}</h1>
    <p>{{#words.en.notFoundText}}<span lang="en">{{/words.en.notFoundText}}{{words.notFoundText}}{{#words.en.notFoundText}}</span>{{/words.en.notFoundText}} <a href="{{root}}"{{#words.en.seeAllQuestions}} lang="en"{{/words.en.seeAllQuestions}}>{{words.seeAllQuestions}}</a>.</p>
    {{/main}}
    {{/base}}

    """#
}
