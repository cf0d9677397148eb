//! `{{#each}}` that counts its turns against the document's budget.
//!
//! Handlebars' own `each` loops without ever asking whether it should go on, so twelve
//! empty `{{#each @root.days}}` inside each other (7^12 turns, no output) run for days.
//! This is Handlebars 6.4's `EachHelper` (MIT, `src/helpers/helper_each.rs`), which cannot
//! be wrapped from outside the crate, with one change: each turn calls
//! [`super::budget::check`] first. Registered under the same name, it replaces the
//! built-in one for every template, the course's own included.

use handlebars::{
    to_json, BlockContext, BlockParams, Context, Handlebars, Helper, HelperDef, HelperResult,
    JsonValue as Json, Output, PathAndJson, RenderContext, RenderError, RenderErrorReason,
    Renderable,
};

pub struct BudgetedEach;

impl HelperDef for BudgetedEach {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        r: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        rc: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let value = h
            .param(0)
            .ok_or(RenderErrorReason::ParamNotFoundForIndex("each", 0))?;
        let Some(template) = h.template() else {
            return Ok(());
        };
        let turn = || {
            super::budget::check()
                .map_err(|e| RenderErrorReason::Other(format!("this template {}", e.message())))
        };
        match value.value() {
            Json::Array(list) if !list.is_empty() || h.inverse().is_none() => {
                rc.push_block(create_block(value));
                let len = list.len();
                let array_path = value.context_path();
                for (i, v) in list.iter().enumerate() {
                    turn()?;
                    if let Some(block) = rc.block_mut() {
                        let index = to_json(i);
                        block.set_local_var("first", to_json(i == 0));
                        block.set_local_var("last", to_json(i == len - 1));
                        block.set_local_var("index", index.clone());
                        update_block_context(block, array_path, i.to_string(), i == 0, v);
                        set_block_param(block, h, array_path, &index, v)?;
                    }
                    template.render(r, ctx, rc, out)?;
                }
                rc.pop_block();
                Ok(())
            }
            Json::Object(obj) if !obj.is_empty() || h.inverse().is_none() => {
                rc.push_block(create_block(value));
                let len = obj.len();
                let obj_path = value.context_path();
                for (i, (k, v)) in obj.iter().enumerate() {
                    turn()?;
                    if let Some(block) = rc.block_mut() {
                        let key = to_json(k);
                        block.set_local_var("first", to_json(i == 0));
                        block.set_local_var("last", to_json(i == len - 1));
                        block.set_local_var("key", key.clone());
                        block.set_local_var("index", to_json(i));
                        update_block_context(block, obj_path, k.to_string(), i == 0, v);
                        set_block_param(block, h, obj_path, &key, v)?;
                    }
                    template.render(r, ctx, rc, out)?;
                }
                rc.pop_block();
                Ok(())
            }
            _ => match h.inverse() {
                Some(else_template) => else_template.render(r, ctx, rc, out),
                None if r.strict_mode() => Err(RenderError::strict_error(value.relative_path())),
                None => Ok(()),
            },
        }
    }
}

fn create_block<'rc>(param: &PathAndJson<'rc>) -> BlockContext<'rc> {
    let mut block = BlockContext::new();
    match param.context_path() {
        Some(path) => block.base_path_mut().clone_from(path),
        None => block.set_base_value(param.value().clone()),
    }
    block
}

fn update_block_context(
    block: &mut BlockContext<'_>,
    base_path: Option<&Vec<String>>,
    relative_path: String,
    is_first: bool,
    value: &Json,
) {
    match base_path {
        Some(path) if is_first => {
            let mut with = path.clone();
            with.push(relative_path);
            *block.base_path_mut() = with;
        }
        Some(_) => {
            if let Some(last) = block.base_path_mut().last_mut() {
                *last = relative_path;
            }
        }
        None => block.set_base_value(value.clone()),
    }
}

fn set_block_param<'rc>(
    block: &mut BlockContext<'rc>,
    h: &Helper<'rc>,
    base_path: Option<&Vec<String>>,
    k: &Json,
    v: &Json,
) -> Result<(), RenderError> {
    let mut params = BlockParams::new();
    if let Some(name) = h.block_param() {
        add_value(&mut params, name, base_path, v)?;
    } else if let Some((name, key)) = h.block_param_pair() {
        add_value(&mut params, name, base_path, v)?;
        params.add_value(key, k.clone())?;
    } else {
        return Ok(());
    }
    block.set_block_params(params);
    Ok(())
}

fn add_value<'rc>(
    params: &mut BlockParams<'rc>,
    name: &'rc str,
    base_path: Option<&Vec<String>>,
    v: &Json,
) -> Result<(), RenderError> {
    if base_path.is_some() {
        params.add_path(name, Vec::new())
    } else {
        params.add_value(name, v.clone())
    }
}
