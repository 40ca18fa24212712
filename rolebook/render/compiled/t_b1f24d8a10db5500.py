def load(environment):
    from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
    name = 'page.html.j2'

    def root(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        l_0_page = resolve('page')
        l_0_body = resolve('body')
        try:
            t_1 = environment.filters['safe']
        except KeyError:
            @internalcode
            def t_1(*unused):
                raise TemplateRuntimeError("No filter named 'safe' found.")
        pass
        yield '<!DOCTYPE html>\n<html lang="'
        yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'language'))
        yield '">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="generator" content="rolebook">\n<title>'
        yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'title'))
        yield '</title>\n'
        if environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'structured'):
            pass
            yield '<script type="application/ld+json">'
            yield escape(t_1(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'structured')))
            yield '</script>\n'
        yield '<style>\n'
        template = environment.get_template('style.css', 'page.html.j2')
        gen = template.root_render_func(template.new_context(context.get_all(), True, {}))
        try:
            for event in gen:
                yield event
        finally: gen.close()
        yield ':root { --accent: '
        yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'accent'))
        yield '; }\n'
        if (environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'latin_font') or environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'cjk_font')):
            pass
            yield 'body { font-family: '
            if environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'latin_font'):
                pass
                yield '"'
                yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'latin_font'))
                yield '", '
            if environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'cjk_font'):
                pass
                yield '"'
                yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'cjk_font'))
                yield '", '
            yield 'var(--fonts); }\n'
        if environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'landscape'):
            pass
            yield '@media print { @page { size: A4 landscape; margin: 1.5cm; } }\n'
        yield '@media print {\n  /* Every printed page carries the running header and "page X of Y" (CSS paged media margin boxes). */\n  @page {\n    @top-right { content: '
        yield escape(t_1(environment.call(context, environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'css_string'), environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'header'))))
        yield '; font-size: 7.5pt; color: #595959; }\n    @bottom-center { content: '
        yield escape(t_1(environment.call(context, environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'css_page_of'))))
        yield '; font-size: 7.5pt; color: #595959; }\n  }\n  header.running-header { display: none; }\n}\n</style>\n</head>\n<body>\n<div class="page">\n<header class="running-header">\n'
        if environment.call(context, environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'logo_uri')):
            pass
            yield '<img class="logo" src="'
            yield escape(environment.call(context, environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'logo_uri')))
            yield '" alt="">'
        yield '<span>'
        yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'header'))
        yield '</span>\n</header>\n<main>\n'
        yield escape((undefined(name='body') if l_0_body is missing else l_0_body))
        yield '\n</main>\n</div>\n'
        if environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'scoring'):
            pass
            yield '<script type="application/json" id="rolebook-scoring">'
            yield escape(t_1(environment.call(context, environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'scoring_json'))))
            yield '</script>\n<script>\n'
            template = environment.get_template('form.js', 'page.html.j2')
            gen = template.root_render_func(template.new_context(context.get_all(), True, {}))
            try:
                for event in gen:
                    yield event
            finally: gen.close()
            yield '</script>\n'
        yield '</body>\n</html>'

    blocks = {}
    debug_info = '2=21&7=23&8=25&9=28&12=31&13=38&14=40&15=43&17=54&23=58&24=60&33=62&34=68&37=70&40=72&41=75&43=77'
    return locals()
