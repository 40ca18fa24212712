def load(environment):
    from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
    name = 'chapter.md.j2'

    def root(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        l_0_c = resolve('c')
        l_0_parts = missing
        pass
        l_0_parts = context.vars['parts'] = environment.get_template('role_parts.md.j2', 'chapter.md.j2')._get_default_module(context)
        context.exported_vars.discard('parts')
        yield str(environment.call(context, environment.getattr((undefined(name='parts') if l_0_parts is missing else l_0_parts), 'chapter'), (undefined(name='c') if l_0_c is missing else l_0_c), with_glossary=True, with_control=True))
        yield '\n'

    blocks = {}
    debug_info = '2=14&3=16'
    return locals()
