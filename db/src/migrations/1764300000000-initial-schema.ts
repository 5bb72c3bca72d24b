import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dutchOnlySearchVectorSql as searchVectorSql } from '../search-vectors';

/**
 * The whole domain of docs/data-model.md: areas, key figures, the social map, networks, referrals,
 * identity and the access log. Generated from the entities, then reviewed by hand:
 * - every foreign key and every filter column has an index;
 * - CHECK constraints guard enumerations, percentages (through the indicator's unit, carried
 *   into key_figure by a composite foreign key), years, fte and hours, ages, coordinates;
 * - key figures are unique per area, indicator, year and source, also when the year is unknown
 *   (NULLS NOT DISTINCT, PostgreSQL 15+);
 * - Dutch full-text search indexes over organisation and service names and descriptions.
 */
export class InitialSchema1764300000000 implements MigrationInterface {
  name = 'InitialSchema1764300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    // access_log
    await q(`CREATE TABLE "access_log" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "event_type" character varying(40) NOT NULL,
        "dossier_number" character varying(20),
        "referral_id" uuid,
        "user_id" uuid,
        "api_key_id" uuid,
        "organisation_id" uuid,
        "role" character varying(20),
        "ip_address" inet,
        "user_agent" text,
        "operation" character varying(200),
        "details" jsonb NOT NULL DEFAULT '{}',
        CONSTRAINT "PK_access_log" PRIMARY KEY ("id")
      )`);
    await q(`CREATE INDEX "IDX_access_log_occurred_at" ON "access_log" ("occurred_at")`);
    await q(`CREATE INDEX "IDX_access_log_referral_id" ON "access_log" ("referral_id")`);
    await q(`CREATE INDEX "IDX_access_log_user_id" ON "access_log" ("user_id")`);
    await q(`CREATE INDEX "IDX_access_log_api_key_id" ON "access_log" ("api_key_id")`);
    await q(`CREATE INDEX "IDX_access_log_organisation_id" ON "access_log" ("organisation_id")`);
    await q(`CREATE INDEX "IDX_access_log_dossier_number_occurred_at" ON "access_log" ("dossier_number", "occurred_at")`);
    // area
    await q(`CREATE TABLE "area" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL DEFAULT '1',
        "code" character varying(10),
        "slug" character varying(100) NOT NULL,
        "name" character varying(200) NOT NULL,
        "level" character varying(20) NOT NULL,
        "parent_id" uuid,
        "alternative_names" text array NOT NULL DEFAULT '{}',
        "description" text,
        "boundary" jsonb,
        "source" text,
        CONSTRAINT "PK_area" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_area_not_own_parent" CHECK (parent_id IS NULL OR parent_id <> id),
        CONSTRAINT "CHK_area_code_format" CHECK (code IS NULL OR (level = 'MUNICIPALITY' AND code ~ '^GM[0-9]{4}$') OR (level = 'DISTRICT' AND code ~ '^WK[0-9]{6}$') OR (level = 'NEIGHBOURHOOD' AND code ~ '^BU[0-9]{8}$')),
        CONSTRAINT "CHK_area_level" CHECK (level IN ('MUNICIPALITY', 'DISTRICT', 'NEIGHBOURHOOD'))
      )`);
    await q(`CREATE UNIQUE INDEX "UQ_area_code" ON "area" ("code")`);
    await q(`CREATE UNIQUE INDEX "UQ_area_slug" ON "area" ("slug")`);
    await q(`CREATE INDEX "IDX_area_level" ON "area" ("level")`);
    await q(`CREATE INDEX "IDX_area_parent_id" ON "area" ("parent_id")`);
    // indicator
    await q(`CREATE TABLE "indicator" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL DEFAULT '1',
        "code" character varying(100) NOT NULL,
        "name_nl" character varying(300) NOT NULL,
        "name_en" character varying(300) NOT NULL,
        "unit" character varying(20) NOT NULL,
        "description" text,
        CONSTRAINT "PK_indicator" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_indicator_id_unit" UNIQUE ("id", "unit"),
        CONSTRAINT "CHK_indicator_unit" CHECK (unit IN ('COUNT', 'PERCENT', 'EUR', 'RATING_10', 'NUMBER'))
      )`);
    await q(`CREATE UNIQUE INDEX "UQ_indicator_code" ON "indicator" ("code")`);
    // basic_function
    await q(`CREATE TABLE "basic_function" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "code" character varying(50) NOT NULL,
        "number" smallint NOT NULL,
        "name_nl" character varying(200) NOT NULL,
        "name_en" character varying(200) NOT NULL,
        "description" text,
        "source" text,
        CONSTRAINT "PK_basic_function" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_basic_function_number" CHECK (number BETWEEN 1 AND 99)
      )`);
    await q(`CREATE UNIQUE INDEX "UQ_basic_function_code" ON "basic_function" ("code")`);
    await q(`CREATE UNIQUE INDEX "UQ_basic_function_number" ON "basic_function" ("number")`);
    // intervention_type
    await q(`CREATE TABLE "intervention_type" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL DEFAULT '1',
        "code" character varying(100) NOT NULL,
        "name_nl" character varying(300) NOT NULL,
        "name_en" character varying(300),
        "description" text,
        "basic_function_id" uuid,
        "secondary_basic_function_id" uuid,
        "category" character varying(30),
        "parent_id" uuid,
        "listed_in_book_examples" boolean NOT NULL DEFAULT false,
        "source" text,
        CONSTRAINT "PK_intervention_type" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_intervention_type_not_own_parent" CHECK (parent_id IS NULL OR parent_id <> id),
        CONSTRAINT "CHK_intervention_type_category" CHECK (category IS NULL OR category IN ('SIGNALLING', 'FACILITATING', 'INTERVENING', 'ORGANISING', 'CONNECTING', 'KNOWLEDGE_MANAGEMENT'))
      )`);
    await q(`CREATE UNIQUE INDEX "UQ_intervention_type_code" ON "intervention_type" ("code")`);
    await q(`CREATE INDEX "IDX_intervention_type_basic_function_id" ON "intervention_type" ("basic_function_id")`);
    await q(`CREATE INDEX "IDX_intervention_type_secondary_basic_function_id" ON "intervention_type" ("secondary_basic_function_id")`);
    await q(`CREATE INDEX "IDX_intervention_type_category" ON "intervention_type" ("category")`);
    await q(`CREATE INDEX "IDX_intervention_type_parent_id" ON "intervention_type" ("parent_id")`);
    // key_figure
    await q(`CREATE TABLE "key_figure" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL DEFAULT '1',
        "area_id" uuid NOT NULL,
        "indicator_id" uuid NOT NULL,
        "indicator_unit" character varying(20) NOT NULL,
        "year" smallint,
        "value" numeric(14,3) NOT NULL,
        "source" character varying(300) NOT NULL,
        "note" text,
        CONSTRAINT "PK_key_figure" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_key_figure_area_indicator_year_source" UNIQUE NULLS NOT DISTINCT ("area_id", "indicator_id", "year", "source"),
        CONSTRAINT "CHK_key_figure_non_negative" CHECK (indicator_unit NOT IN ('COUNT', 'EUR') OR value >= 0),
        CONSTRAINT "CHK_key_figure_rating" CHECK (indicator_unit <> 'RATING_10' OR value BETWEEN 1 AND 10),
        CONSTRAINT "CHK_key_figure_percent" CHECK (indicator_unit <> 'PERCENT' OR value BETWEEN 0 AND 100),
        CONSTRAINT "CHK_key_figure_year" CHECK (year IS NULL OR year BETWEEN 1800 AND 2200)
      )`);
    await q(`CREATE INDEX "IDX_key_figure_area_id" ON "key_figure" ("area_id")`);
    await q(`CREATE INDEX "IDX_key_figure_indicator_id" ON "key_figure" ("indicator_id")`);
    await q(`CREATE INDEX "IDX_key_figure_year" ON "key_figure" ("year")`);
    // organisation
    await q(`CREATE TABLE "organisation" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL DEFAULT '1',
        "slug" character varying(150) NOT NULL,
        "name" character varying(300) NOT NULL,
        "abbreviation" character varying(50),
        "aliases" text array NOT NULL DEFAULT '{}',
        "description" text,
        "sector" character varying(30) NOT NULL,
        "secondary_sector" character varying(30),
        "subsector" character varying(200),
        "funding_streams" text array NOT NULL DEFAULT '{}',
        "scope" character varying(20),
        "works_without_indication" boolean,
        "generic" boolean NOT NULL DEFAULT false,
        "website" character varying(500),
        "email" character varying(254),
        "phone" character varying(50),
        "parent_id" uuid,
        "status" character varying(20) NOT NULL DEFAULT 'ACTIVE',
        "last_verified_at" TIMESTAMP WITH TIME ZONE,
        "source" text,
        "note" text,
        CONSTRAINT "PK_organisation" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_organisation_not_own_parent" CHECK (parent_id IS NULL OR parent_id <> id),
        CONSTRAINT "CHK_organisation_status" CHECK (status IN ('ACTIVE', 'INACTIVE', 'DEFUNCT')),
        CONSTRAINT "CHK_organisation_scope" CHECK (scope IS NULL OR scope IN ('LOCAL', 'REGIONAL', 'NATIONAL')),
        CONSTRAINT "CHK_organisation_secondary_sector" CHECK (secondary_sector IS NULL OR secondary_sector IN ('WELFARE', 'MENTAL_HEALTH_CARE', 'DISABILITY_CARE', 'ELDERLY_CARE', 'HOME_CARE', 'PRIMARY_CARE', 'VOLUNTEER', 'HOUSING', 'POLICE_SAFETY', 'EDUCATION', 'MUNICIPALITY', 'CHURCH_MOSQUE', 'WORK_INCOME', 'KNOWLEDGE_INSTITUTE', 'OTHER')),
        CONSTRAINT "CHK_organisation_sector" CHECK (sector IN ('WELFARE', 'MENTAL_HEALTH_CARE', 'DISABILITY_CARE', 'ELDERLY_CARE', 'HOME_CARE', 'PRIMARY_CARE', 'VOLUNTEER', 'HOUSING', 'POLICE_SAFETY', 'EDUCATION', 'MUNICIPALITY', 'CHURCH_MOSQUE', 'WORK_INCOME', 'KNOWLEDGE_INSTITUTE', 'OTHER'))
      )`);
    await q(`CREATE UNIQUE INDEX "UQ_organisation_slug" ON "organisation" ("slug")`);
    await q(`CREATE INDEX "IDX_organisation_sector" ON "organisation" ("sector")`);
    await q(`CREATE INDEX "IDX_organisation_parent_id" ON "organisation" ("parent_id")`);
    await q(`CREATE INDEX "IDX_organisation_status" ON "organisation" ("status")`);
    await q(`CREATE INDEX "IDX_organisation_last_verified_at" ON "organisation" ("last_verified_at")`);
    await q(`CREATE INDEX "IDX_organisation_name_id" ON "organisation" ("name", "id")`);
    // organisation_area
    await q(`CREATE TABLE "organisation_area" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "organisation_id" uuid NOT NULL,
        "area_id" uuid NOT NULL,
        CONSTRAINT "PK_organisation_area" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_organisation_area" UNIQUE ("organisation_id", "area_id")
      )`);
    await q(`CREATE INDEX "IDX_organisation_area_area_id" ON "organisation_area" ("area_id")`);
    // key_person_role
    await q(`CREATE TABLE "key_person_role" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL DEFAULT '1',
        "code" character varying(100) NOT NULL,
        "name_nl" character varying(200) NOT NULL,
        "name_en" character varying(200),
        "context" text,
        "explicitly_key_figure" boolean NOT NULL DEFAULT false,
        "source" text,
        "note" text,
        CONSTRAINT "PK_key_person_role" PRIMARY KEY ("id")
      )`);
    await q(`CREATE UNIQUE INDEX "UQ_key_person_role_code" ON "key_person_role" ("code")`);
    // key_person_role_organisation
    await q(`CREATE TABLE "key_person_role_organisation" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "key_person_role_id" uuid NOT NULL,
        "organisation_id" uuid NOT NULL,
        CONSTRAINT "PK_key_person_role_organisation" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_key_person_role_organisation" UNIQUE ("key_person_role_id", "organisation_id")
      )`);
    await q(`CREATE INDEX "IDX_key_person_role_organisation_organisation_id" ON "key_person_role_organisation" ("organisation_id")`);
    // key_person
    await q(`CREATE TABLE "key_person" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL DEFAULT '1',
        "name" character varying(200) NOT NULL,
        "role_id" uuid,
        "role_description" character varying(200),
        "organisation_id" uuid,
        "phone" character varying(50),
        "email" character varying(254),
        "notes" text,
        "last_verified_at" TIMESTAMP WITH TIME ZONE,
        "archived" boolean NOT NULL DEFAULT false,
        CONSTRAINT "PK_key_person" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_key_person_email" CHECK (email IS NULL OR email ~ '^[^@[:space:]]+@[^@[:space:]]+[.][^@[:space:]]+$')
      )`);
    await q(`CREATE INDEX "IDX_key_person_role_id" ON "key_person" ("role_id")`);
    await q(`CREATE INDEX "IDX_key_person_organisation_id" ON "key_person" ("organisation_id")`);
    await q(`CREATE INDEX "IDX_key_person_last_verified_at" ON "key_person" ("last_verified_at")`);
    await q(`CREATE INDEX "IDX_key_person_name_id" ON "key_person" ("name", "id")`);
    // key_person_area
    await q(`CREATE TABLE "key_person_area" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "key_person_id" uuid NOT NULL,
        "area_id" uuid NOT NULL,
        CONSTRAINT "PK_key_person_area" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_key_person_area" UNIQUE ("key_person_id", "area_id")
      )`);
    await q(`CREATE INDEX "IDX_key_person_area_area_id" ON "key_person_area" ("area_id")`);
    // location
    await q(`CREATE TABLE "location" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL DEFAULT '1',
        "slug" character varying(150) NOT NULL,
        "name" character varying(300) NOT NULL,
        "aliases" text array NOT NULL DEFAULT '{}',
        "kind" character varying(200),
        "description" text,
        "organisation_id" uuid,
        "address" character varying(300),
        "postcode" character varying(7),
        "city" character varying(100),
        "latitude" double precision,
        "longitude" double precision,
        "area_id" uuid,
        "accessibility" text,
        "location_description" text,
        "status" character varying(20) NOT NULL DEFAULT 'ACTIVE',
        "last_verified_at" TIMESTAMP WITH TIME ZONE,
        "source" text,
        "note" text,
        CONSTRAINT "PK_location" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_location_postcode" CHECK (postcode IS NULL OR postcode ~ '^[1-9][0-9]{3} ?[A-Z]{2}$'),
        CONSTRAINT "CHK_location_coordinates_pair" CHECK ((latitude IS NULL) = (longitude IS NULL)),
        CONSTRAINT "CHK_location_longitude" CHECK (longitude IS NULL OR longitude BETWEEN -180 AND 180),
        CONSTRAINT "CHK_location_latitude" CHECK (latitude IS NULL OR latitude BETWEEN -90 AND 90),
        CONSTRAINT "CHK_location_status" CHECK (status IN ('ACTIVE', 'PLANNED', 'CLOSED'))
      )`);
    await q(`CREATE UNIQUE INDEX "UQ_location_slug" ON "location" ("slug")`);
    await q(`CREATE INDEX "IDX_location_kind" ON "location" ("kind")`);
    await q(`CREATE INDEX "IDX_location_organisation_id" ON "location" ("organisation_id")`);
    await q(`CREATE INDEX "IDX_location_area_id" ON "location" ("area_id")`);
    await q(`CREATE INDEX "IDX_location_status" ON "location" ("status")`);
    await q(`CREATE INDEX "IDX_location_last_verified_at" ON "location" ("last_verified_at")`);
    await q(`CREATE INDEX "IDX_location_name_id" ON "location" ("name", "id")`);
    // target_group
    await q(`CREATE TABLE "target_group" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL DEFAULT '1',
        "code" character varying(100) NOT NULL,
        "name_nl" character varying(300) NOT NULL,
        "name_en" character varying(300),
        "description" text,
        "min_age" smallint,
        "max_age" smallint,
        "need_indicator_id" uuid,
        "source" text,
        CONSTRAINT "PK_target_group" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_target_group_ages" CHECK ((min_age IS NULL OR min_age BETWEEN 0 AND 130) AND (max_age IS NULL OR max_age BETWEEN 0 AND 130) AND (min_age IS NULL OR max_age IS NULL OR min_age <= max_age))
      )`);
    await q(`CREATE UNIQUE INDEX "UQ_target_group_code" ON "target_group" ("code")`);
    await q(`CREATE INDEX "IDX_target_group_need_indicator_id" ON "target_group" ("need_indicator_id")`);
    // network
    await q(`CREATE TABLE "network" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL DEFAULT '1',
        "slug" character varying(150) NOT NULL,
        "name" character varying(300) NOT NULL,
        "kind" character varying(30) NOT NULL,
        "kind_description" character varying(300),
        "switch_model" character varying(20),
        "purpose" text,
        "meeting_interval_weeks" smallint,
        "meeting_frequency" text,
        "coordinator_organisation_id" uuid,
        "coordinator_role" character varying(300),
        "home_base_location_id" uuid,
        "working_method" text,
        "size_description" text,
        "period" text,
        "status" character varying(20) NOT NULL DEFAULT 'ACTIVE',
        "source" text,
        "note" text,
        CONSTRAINT "PK_network" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_network_meeting_interval" CHECK (meeting_interval_weeks IS NULL OR meeting_interval_weeks BETWEEN 1 AND 104),
        CONSTRAINT "CHK_network_status" CHECK (status IN ('ACTIVE', 'INACTIVE')),
        CONSTRAINT "CHK_network_switch_model" CHECK (switch_model IS NULL OR switch_model IN ('FRONTLINE', 'SECOND_LINE')),
        CONSTRAINT "CHK_network_kind" CHECK (kind IN ('SWITCH_TEAM', 'SIGNALLING_NETWORK', 'BROAD_NETWORK', 'CASE_CONSULTATION', 'OUTREACH_TEAM', 'AREA_MANAGEMENT_TEAM', 'OTHER'))
      )`);
    await q(`CREATE UNIQUE INDEX "UQ_network_slug" ON "network" ("slug")`);
    await q(`CREATE INDEX "IDX_network_kind" ON "network" ("kind")`);
    await q(`CREATE INDEX "IDX_network_coordinator_organisation_id" ON "network" ("coordinator_organisation_id")`);
    await q(`CREATE INDEX "IDX_network_home_base_location_id" ON "network" ("home_base_location_id")`);
    await q(`CREATE INDEX "IDX_network_status" ON "network" ("status")`);
    await q(`CREATE INDEX "IDX_network_name_id" ON "network" ("name", "id")`);
    // network_area
    await q(`CREATE TABLE "network_area" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "network_id" uuid NOT NULL,
        "area_id" uuid NOT NULL,
        CONSTRAINT "PK_network_area" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_network_area" UNIQUE ("network_id", "area_id")
      )`);
    await q(`CREATE INDEX "IDX_network_area_area_id" ON "network_area" ("area_id")`);
    // network_target_group
    await q(`CREATE TABLE "network_target_group" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "network_id" uuid NOT NULL,
        "target_group_id" uuid NOT NULL,
        CONSTRAINT "PK_network_target_group" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_network_target_group" UNIQUE ("network_id", "target_group_id")
      )`);
    await q(`CREATE INDEX "IDX_network_target_group_target_group_id" ON "network_target_group" ("target_group_id")`);
    // network_member
    await q(`CREATE TABLE "network_member" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL DEFAULT '1',
        "network_id" uuid NOT NULL,
        "organisation_id" uuid,
        "organisation_name" character varying(300),
        "key_person_id" uuid,
        "role" character varying(300),
        "tier" character varying(10),
        "contribution" character varying(20),
        "fte" numeric(4,2),
        "hours_per_week" numeric(5,2),
        "joined_on" date,
        "left_on" date,
        "source" text,
        "note" text,
        CONSTRAINT "PK_network_member" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_network_member_who" CHECK (organisation_id IS NOT NULL OR key_person_id IS NOT NULL OR organisation_name IS NOT NULL),
        CONSTRAINT "CHK_network_member_period" CHECK (left_on IS NULL OR joined_on IS NULL OR joined_on <= left_on),
        CONSTRAINT "CHK_network_member_hours" CHECK (hours_per_week IS NULL OR hours_per_week BETWEEN 0 AND 168),
        CONSTRAINT "CHK_network_member_fte" CHECK (fte IS NULL OR fte >= 0),
        CONSTRAINT "CHK_network_member_contribution" CHECK (contribution IS NULL OR contribution IN ('SIGNALLING', 'HELPING', 'BOTH')),
        CONSTRAINT "CHK_network_member_tier" CHECK (tier IS NULL OR tier IN ('CORE', 'SHELL'))
      )`);
    await q(`CREATE INDEX "IDX_network_member_network_id" ON "network_member" ("network_id")`);
    await q(`CREATE INDEX "IDX_network_member_organisation_id" ON "network_member" ("organisation_id")`);
    await q(`CREATE INDEX "IDX_network_member_key_person_id" ON "network_member" ("key_person_id")`);
    await q(`CREATE INDEX "IDX_network_member_tier" ON "network_member" ("tier")`);
    // service
    await q(`CREATE TABLE "service" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL DEFAULT '1',
        "slug" character varying(150) NOT NULL,
        "organisation_id" uuid,
        "name" character varying(300) NOT NULL,
        "abbreviation" character varying(50),
        "aliases" text array NOT NULL DEFAULT '{}',
        "description" text,
        "eligibility" text,
        "min_age" smallint,
        "max_age" smallint,
        "requires_indication" boolean,
        "works_without_indication" boolean,
        "cost" text,
        "languages" text array NOT NULL DEFAULT '{}',
        "status" character varying(30) NOT NULL DEFAULT 'ACTIVE',
        "valid_from" date,
        "valid_to" date,
        "period_description" text,
        "funding" text,
        "frequency" text,
        "results" text array NOT NULL DEFAULT '{}',
        "last_verified_at" TIMESTAMP WITH TIME ZONE,
        "source" text,
        "note" text,
        CONSTRAINT "PK_service" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_service_validity" CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to),
        CONSTRAINT "CHK_service_ages" CHECK ((min_age IS NULL OR min_age BETWEEN 0 AND 130) AND (max_age IS NULL OR max_age BETWEEN 0 AND 130) AND (min_age IS NULL OR max_age IS NULL OR min_age <= max_age)),
        CONSTRAINT "CHK_service_status" CHECK (status IN ('ACTIVE', 'INACTIVE', 'DEFUNCT', 'TEMPORARILY_CLOSED'))
      )`);
    await q(`CREATE UNIQUE INDEX "UQ_service_slug" ON "service" ("slug")`);
    await q(`CREATE INDEX "IDX_service_organisation_id" ON "service" ("organisation_id")`);
    await q(`CREATE INDEX "IDX_service_status" ON "service" ("status")`);
    await q(`CREATE INDEX "IDX_service_last_verified_at" ON "service" ("last_verified_at")`);
    await q(`CREATE INDEX "IDX_service_name_id" ON "service" ("name", "id")`);
    // service_partner
    await q(`CREATE TABLE "service_partner" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "service_id" uuid NOT NULL,
        "organisation_id" uuid NOT NULL,
        CONSTRAINT "PK_service_partner" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_service_partner" UNIQUE ("service_id", "organisation_id")
      )`);
    await q(`CREATE INDEX "IDX_service_partner_organisation_id" ON "service_partner" ("organisation_id")`);
    // service_target_group
    await q(`CREATE TABLE "service_target_group" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "service_id" uuid NOT NULL,
        "target_group_id" uuid NOT NULL,
        CONSTRAINT "PK_service_target_group" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_service_target_group" UNIQUE ("service_id", "target_group_id")
      )`);
    await q(`CREATE INDEX "IDX_service_target_group_target_group_id" ON "service_target_group" ("target_group_id")`);
    // service_intervention_type
    await q(`CREATE TABLE "service_intervention_type" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "service_id" uuid NOT NULL,
        "intervention_type_id" uuid NOT NULL,
        CONSTRAINT "PK_service_intervention_type" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_service_intervention_type" UNIQUE ("service_id", "intervention_type_id")
      )`);
    await q(`CREATE INDEX "IDX_service_intervention_type_intervention_type_id" ON "service_intervention_type" ("intervention_type_id")`);
    // service_area
    await q(`CREATE TABLE "service_area" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "service_id" uuid NOT NULL,
        "area_id" uuid NOT NULL,
        CONSTRAINT "PK_service_area" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_service_area" UNIQUE ("service_id", "area_id")
      )`);
    await q(`CREATE INDEX "IDX_service_area_area_id" ON "service_area" ("area_id")`);
    // service_location
    await q(`CREATE TABLE "service_location" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "service_id" uuid NOT NULL,
        "location_id" uuid NOT NULL,
        "description" text,
        CONSTRAINT "PK_service_location" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_service_location" UNIQUE ("service_id", "location_id")
      )`);
    await q(`CREATE INDEX "IDX_service_location_location_id" ON "service_location" ("location_id")`);
    // app_user
    await q(`CREATE TABLE "app_user" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL DEFAULT '1',
        "email" character varying(254) NOT NULL,
        "display_name" character varying(200) NOT NULL,
        "password_hash" character varying(255) NOT NULL,
        "role" character varying(20) NOT NULL,
        "organisation_id" uuid,
        "status" character varying(20) NOT NULL DEFAULT 'ACTIVE',
        "failed_login_count" integer NOT NULL DEFAULT '0',
        "locked_until" TIMESTAMP WITH TIME ZONE,
        "last_login_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_app_user" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_app_user_failed_logins" CHECK (failed_login_count >= 0),
        CONSTRAINT "CHK_app_user_email" CHECK (email = lower(email) AND email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
        CONSTRAINT "CHK_app_user_organisation" CHECK (role <> 'ORGANISATION' OR organisation_id IS NOT NULL),
        CONSTRAINT "CHK_app_user_status" CHECK (status IN ('ACTIVE', 'DISABLED')),
        CONSTRAINT "CHK_app_user_role" CHECK (role IN ('ADMIN', 'MUNICIPALITY', 'ORGANISATION'))
      )`);
    await q(`CREATE UNIQUE INDEX "UQ_app_user_email" ON "app_user" ("email")`);
    await q(`CREATE INDEX "IDX_app_user_role" ON "app_user" ("role")`);
    await q(`CREATE INDEX "IDX_app_user_organisation_id" ON "app_user" ("organisation_id")`);
    // user_area
    await q(`CREATE TABLE "user_area" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "user_id" uuid NOT NULL,
        "area_id" uuid NOT NULL,
        CONSTRAINT "PK_user_area" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_user_area" UNIQUE ("user_id", "area_id")
      )`);
    await q(`CREATE INDEX "IDX_user_area_area_id" ON "user_area" ("area_id")`);
    // referral
    await q(`CREATE TABLE "referral" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL DEFAULT '1',
        "dossier_number" character varying(20) NOT NULL,
        "area_id" uuid,
        "referring_organisation_id" uuid NOT NULL,
        "receiving_organisation_id" uuid,
        "network_id" uuid,
        "service_id" uuid,
        "life_domains" text array NOT NULL DEFAULT '{}',
        "summary" text,
        "consent_given" boolean NOT NULL DEFAULT false,
        "consent_scope" character varying(20),
        "consent_recorded_at" TIMESTAMP WITH TIME ZONE,
        "consent_recorded_by_id" uuid,
        "status" character varying(20) NOT NULL DEFAULT 'SIGNALLED',
        "problem_owner_organisation_id" uuid,
        "outcome" text,
        "decline_reason" text,
        "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "closed_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_referral" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_referral_life_domains" CHECK (life_domains <@ ARRAY['HOUSING', 'FINANCES', 'WORK_AND_DAYTIME_ACTIVITIES', 'PHYSICAL_HEALTH', 'MENTAL_HEALTH', 'ADDICTION', 'SOCIAL_NETWORK', 'SELF_CARE', 'FAMILY_AND_PARENTING', 'SAFETY', 'JUSTICE', 'LANGUAGE_AND_PARTICIPATION']::text[]),
        CONSTRAINT "CHK_referral_closed" CHECK (status <> 'CLOSED' OR (closed_at IS NOT NULL AND outcome IS NOT NULL AND problem_owner_organisation_id IS NOT NULL)),
        CONSTRAINT "CHK_referral_dossier_number" CHECK (dossier_number ~ '^[0-9]{4}-[0-9]{5,}$'),
        CONSTRAINT "CHK_referral_recipient" CHECK (receiving_organisation_id IS NOT NULL OR network_id IS NOT NULL),
        CONSTRAINT "CHK_referral_consent_recorded" CHECK (NOT consent_given OR (consent_scope IS NOT NULL AND consent_recorded_at IS NOT NULL)),
        CONSTRAINT "CHK_referral_consent_scope" CHECK (consent_scope IS NULL OR consent_scope IN ('RECEIVER', 'NETWORK')),
        CONSTRAINT "CHK_referral_status" CHECK (status IN ('SIGNALLED', 'EXPLORING', 'ACTION_AGREED', 'IN_PROGRESS', 'ON_HOLD', 'CLOSED', 'DECLINED', 'WITHDRAWN'))
      )`);
    await q(`CREATE UNIQUE INDEX "UQ_referral_dossier_number" ON "referral" ("dossier_number")`);
    await q(`CREATE INDEX "IDX_referral_area_id" ON "referral" ("area_id")`);
    await q(`CREATE INDEX "IDX_referral_referring_organisation_id" ON "referral" ("referring_organisation_id")`);
    await q(`CREATE INDEX "IDX_referral_receiving_organisation_id" ON "referral" ("receiving_organisation_id")`);
    await q(`CREATE INDEX "IDX_referral_network_id" ON "referral" ("network_id")`);
    await q(`CREATE INDEX "IDX_referral_service_id" ON "referral" ("service_id")`);
    await q(`CREATE INDEX "IDX_referral_consent_recorded_by_id" ON "referral" ("consent_recorded_by_id")`);
    await q(`CREATE INDEX "IDX_referral_status" ON "referral" ("status")`);
    await q(`CREATE INDEX "IDX_referral_problem_owner_organisation_id" ON "referral" ("problem_owner_organisation_id")`);
    await q(`CREATE INDEX "IDX_referral_opened_at" ON "referral" ("opened_at")`);
    // referral_target_group
    await q(`CREATE TABLE "referral_target_group" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "referral_id" uuid NOT NULL,
        "target_group_id" uuid NOT NULL,
        CONSTRAINT "PK_referral_target_group" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_referral_target_group" UNIQUE ("referral_id", "target_group_id")
      )`);
    await q(`CREATE INDEX "IDX_referral_target_group_target_group_id" ON "referral_target_group" ("target_group_id")`);
    // referral_intervention_type
    await q(`CREATE TABLE "referral_intervention_type" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "referral_id" uuid NOT NULL,
        "intervention_type_id" uuid NOT NULL,
        CONSTRAINT "PK_referral_intervention_type" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_referral_intervention_type" UNIQUE ("referral_id", "intervention_type_id")
      )`);
    await q(`CREATE INDEX "IDX_referral_intervention_type_intervention_type_id" ON "referral_intervention_type" ("intervention_type_id")`);
    // referral_action
    await q(`CREATE TABLE "referral_action" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL DEFAULT '1',
        "referral_id" uuid NOT NULL,
        "description" text NOT NULL,
        "assigned_organisation_id" uuid NOT NULL,
        "due_on" date NOT NULL,
        "completed_at" TIMESTAMP WITH TIME ZONE,
        "result" text,
        CONSTRAINT "PK_referral_action" PRIMARY KEY ("id")
      )`);
    await q(`CREATE INDEX "IDX_referral_action_referral_id" ON "referral_action" ("referral_id")`);
    await q(`CREATE INDEX "IDX_referral_action_assigned_organisation_id" ON "referral_action" ("assigned_organisation_id")`);
    await q(`CREATE INDEX "IDX_referral_action_due_on" ON "referral_action" ("due_on")`);
    // api_key
    await q(`CREATE TABLE "api_key" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "organisation_id" uuid NOT NULL,
        "name" character varying(200) NOT NULL,
        "prefix" character varying(20) NOT NULL,
        "key_hash" character(64) NOT NULL,
        "scopes" text array NOT NULL,
        "created_by_id" uuid,
        "expires_at" TIMESTAMP WITH TIME ZONE,
        "revoked_at" TIMESTAMP WITH TIME ZONE,
        "last_used_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_api_key" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_api_key_scopes" CHECK (cardinality(scopes) > 0 AND scopes <@ ARRAY['READ_MAP', 'WRITE_OWN_ORGANISATION', 'REFERRALS']::text[])
      )`);
    await q(`CREATE INDEX "IDX_api_key_organisation_id" ON "api_key" ("organisation_id")`);
    await q(`CREATE UNIQUE INDEX "UQ_api_key_prefix" ON "api_key" ("prefix")`);
    await q(`CREATE UNIQUE INDEX "UQ_api_key_key_hash" ON "api_key" ("key_hash")`);
    await q(`CREATE INDEX "IDX_api_key_created_by_id" ON "api_key" ("created_by_id")`);
    // referral_event
    await q(`CREATE TABLE "referral_event" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "referral_id" uuid NOT NULL,
        "sequence" integer NOT NULL,
        "type" character varying(30) NOT NULL,
        "from_status" character varying(20),
        "to_status" character varying(20),
        "actor_user_id" uuid,
        "actor_api_key_id" uuid,
        "organisation_id" uuid,
        "note" text,
        "data" jsonb NOT NULL DEFAULT '{}',
        "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_referral_event" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_referral_event_sequence" UNIQUE ("referral_id", "sequence"),
        CONSTRAINT "CHK_referral_event_to_status" CHECK (to_status IS NULL OR to_status IN ('SIGNALLED', 'EXPLORING', 'ACTION_AGREED', 'IN_PROGRESS', 'ON_HOLD', 'CLOSED', 'DECLINED', 'WITHDRAWN')),
        CONSTRAINT "CHK_referral_event_from_status" CHECK (from_status IS NULL OR from_status IN ('SIGNALLED', 'EXPLORING', 'ACTION_AGREED', 'IN_PROGRESS', 'ON_HOLD', 'CLOSED', 'DECLINED', 'WITHDRAWN')),
        CONSTRAINT "CHK_referral_event_type" CHECK (type IN ('CREATED', 'STATUS_CHANGED', 'ACCEPTED', 'DECLINED', 'CONSENT_RECORDED', 'ACTION_ADDED', 'ACTION_COMPLETED', 'NOTE_ADDED', 'UPDATED', 'CLOSED'))
      )`);
    await q(`CREATE INDEX "IDX_referral_event_actor_user_id" ON "referral_event" ("actor_user_id")`);
    await q(`CREATE INDEX "IDX_referral_event_actor_api_key_id" ON "referral_event" ("actor_api_key_id")`);
    await q(`CREATE INDEX "IDX_referral_event_organisation_id" ON "referral_event" ("organisation_id")`);
    await q(`CREATE INDEX "IDX_referral_event_occurred_at" ON "referral_event" ("occurred_at")`);
    // Dutch full-text search over names and descriptions (GIN on the same expression the API queries).
    await q(`CREATE INDEX "IDX_organisation_search" ON "organisation" USING gin (${searchVectorSql.organisation})`);
    await q(`CREATE INDEX "IDX_service_search" ON "service" USING gin (${searchVectorSql.service})`);
    // foreign keys
    await q(`ALTER TABLE "area" ADD CONSTRAINT "FK_area_parent" FOREIGN KEY ("parent_id") REFERENCES "area"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "intervention_type" ADD CONSTRAINT "FK_intervention_type_basic_function" FOREIGN KEY ("basic_function_id") REFERENCES "basic_function"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "intervention_type" ADD CONSTRAINT "FK_intervention_type_secondary_basic_function" FOREIGN KEY ("secondary_basic_function_id") REFERENCES "basic_function"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "intervention_type" ADD CONSTRAINT "FK_intervention_type_parent" FOREIGN KEY ("parent_id") REFERENCES "intervention_type"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "key_figure" ADD CONSTRAINT "FK_key_figure_area" FOREIGN KEY ("area_id") REFERENCES "area"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "key_figure" ADD CONSTRAINT "FK_key_figure_indicator" FOREIGN KEY ("indicator_id", "indicator_unit") REFERENCES "indicator"("id","unit") ON DELETE RESTRICT ON UPDATE CASCADE`);
    await q(`ALTER TABLE "organisation" ADD CONSTRAINT "FK_organisation_parent" FOREIGN KEY ("parent_id") REFERENCES "organisation"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "organisation_area" ADD CONSTRAINT "FK_organisation_area_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE`);
    await q(`ALTER TABLE "organisation_area" ADD CONSTRAINT "FK_organisation_area_area" FOREIGN KEY ("area_id") REFERENCES "area"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "key_person_role_organisation" ADD CONSTRAINT "FK_key_person_role_organisation_role" FOREIGN KEY ("key_person_role_id") REFERENCES "key_person_role"("id") ON DELETE CASCADE`);
    await q(`ALTER TABLE "key_person_role_organisation" ADD CONSTRAINT "FK_key_person_role_organisation_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "key_person" ADD CONSTRAINT "FK_key_person_role" FOREIGN KEY ("role_id") REFERENCES "key_person_role"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "key_person" ADD CONSTRAINT "FK_key_person_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "key_person_area" ADD CONSTRAINT "FK_key_person_area_key_person" FOREIGN KEY ("key_person_id") REFERENCES "key_person"("id") ON DELETE CASCADE`);
    await q(`ALTER TABLE "key_person_area" ADD CONSTRAINT "FK_key_person_area_area" FOREIGN KEY ("area_id") REFERENCES "area"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "location" ADD CONSTRAINT "FK_location_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "location" ADD CONSTRAINT "FK_location_area" FOREIGN KEY ("area_id") REFERENCES "area"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "target_group" ADD CONSTRAINT "FK_target_group_need_indicator" FOREIGN KEY ("need_indicator_id") REFERENCES "indicator"("id") ON DELETE SET NULL`);
    await q(`ALTER TABLE "network" ADD CONSTRAINT "FK_network_coordinator_organisation" FOREIGN KEY ("coordinator_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "network" ADD CONSTRAINT "FK_network_home_base_location" FOREIGN KEY ("home_base_location_id") REFERENCES "location"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "network_area" ADD CONSTRAINT "FK_network_area_network" FOREIGN KEY ("network_id") REFERENCES "network"("id") ON DELETE CASCADE`);
    await q(`ALTER TABLE "network_area" ADD CONSTRAINT "FK_network_area_area" FOREIGN KEY ("area_id") REFERENCES "area"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "network_target_group" ADD CONSTRAINT "FK_network_target_group_network" FOREIGN KEY ("network_id") REFERENCES "network"("id") ON DELETE CASCADE`);
    await q(`ALTER TABLE "network_target_group" ADD CONSTRAINT "FK_network_target_group_target_group" FOREIGN KEY ("target_group_id") REFERENCES "target_group"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "network_member" ADD CONSTRAINT "FK_network_member_network" FOREIGN KEY ("network_id") REFERENCES "network"("id") ON DELETE CASCADE`);
    await q(`ALTER TABLE "network_member" ADD CONSTRAINT "FK_network_member_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "network_member" ADD CONSTRAINT "FK_network_member_key_person" FOREIGN KEY ("key_person_id") REFERENCES "key_person"("id") ON DELETE SET NULL`);
    await q(`ALTER TABLE "service" ADD CONSTRAINT "FK_service_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "service_partner" ADD CONSTRAINT "FK_service_partner_service" FOREIGN KEY ("service_id") REFERENCES "service"("id") ON DELETE CASCADE`);
    await q(`ALTER TABLE "service_partner" ADD CONSTRAINT "FK_service_partner_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "service_target_group" ADD CONSTRAINT "FK_service_target_group_service" FOREIGN KEY ("service_id") REFERENCES "service"("id") ON DELETE CASCADE`);
    await q(`ALTER TABLE "service_target_group" ADD CONSTRAINT "FK_service_target_group_target_group" FOREIGN KEY ("target_group_id") REFERENCES "target_group"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "service_intervention_type" ADD CONSTRAINT "FK_service_intervention_type_service" FOREIGN KEY ("service_id") REFERENCES "service"("id") ON DELETE CASCADE`);
    await q(`ALTER TABLE "service_intervention_type" ADD CONSTRAINT "FK_service_intervention_type_intervention_type" FOREIGN KEY ("intervention_type_id") REFERENCES "intervention_type"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "service_area" ADD CONSTRAINT "FK_service_area_service" FOREIGN KEY ("service_id") REFERENCES "service"("id") ON DELETE CASCADE`);
    await q(`ALTER TABLE "service_area" ADD CONSTRAINT "FK_service_area_area" FOREIGN KEY ("area_id") REFERENCES "area"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "service_location" ADD CONSTRAINT "FK_service_location_service" FOREIGN KEY ("service_id") REFERENCES "service"("id") ON DELETE CASCADE`);
    await q(`ALTER TABLE "service_location" ADD CONSTRAINT "FK_service_location_location" FOREIGN KEY ("location_id") REFERENCES "location"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "app_user" ADD CONSTRAINT "FK_app_user_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "user_area" ADD CONSTRAINT "FK_user_area_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE`);
    await q(`ALTER TABLE "user_area" ADD CONSTRAINT "FK_user_area_area" FOREIGN KEY ("area_id") REFERENCES "area"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "referral" ADD CONSTRAINT "FK_referral_area" FOREIGN KEY ("area_id") REFERENCES "area"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "referral" ADD CONSTRAINT "FK_referral_referring_organisation" FOREIGN KEY ("referring_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "referral" ADD CONSTRAINT "FK_referral_receiving_organisation" FOREIGN KEY ("receiving_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "referral" ADD CONSTRAINT "FK_referral_network" FOREIGN KEY ("network_id") REFERENCES "network"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "referral" ADD CONSTRAINT "FK_referral_service" FOREIGN KEY ("service_id") REFERENCES "service"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "referral" ADD CONSTRAINT "FK_referral_consent_recorded_by" FOREIGN KEY ("consent_recorded_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "referral" ADD CONSTRAINT "FK_referral_problem_owner_organisation" FOREIGN KEY ("problem_owner_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "referral_target_group" ADD CONSTRAINT "FK_referral_target_group_referral" FOREIGN KEY ("referral_id") REFERENCES "referral"("id") ON DELETE CASCADE`);
    await q(`ALTER TABLE "referral_target_group" ADD CONSTRAINT "FK_referral_target_group_target_group" FOREIGN KEY ("target_group_id") REFERENCES "target_group"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "referral_intervention_type" ADD CONSTRAINT "FK_referral_intervention_type_referral" FOREIGN KEY ("referral_id") REFERENCES "referral"("id") ON DELETE CASCADE`);
    await q(`ALTER TABLE "referral_intervention_type" ADD CONSTRAINT "FK_referral_intervention_type_intervention_type" FOREIGN KEY ("intervention_type_id") REFERENCES "intervention_type"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "referral_action" ADD CONSTRAINT "FK_referral_action_referral" FOREIGN KEY ("referral_id") REFERENCES "referral"("id") ON DELETE CASCADE`);
    await q(`ALTER TABLE "referral_action" ADD CONSTRAINT "FK_referral_action_assigned_organisation" FOREIGN KEY ("assigned_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "api_key" ADD CONSTRAINT "FK_api_key_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "api_key" ADD CONSTRAINT "FK_api_key_created_by" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL`);
    await q(`ALTER TABLE "referral_event" ADD CONSTRAINT "FK_referral_event_referral" FOREIGN KEY ("referral_id") REFERENCES "referral"("id") ON DELETE CASCADE`);
    await q(`ALTER TABLE "referral_event" ADD CONSTRAINT "FK_referral_event_actor_user" FOREIGN KEY ("actor_user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "referral_event" ADD CONSTRAINT "FK_referral_event_actor_api_key" FOREIGN KEY ("actor_api_key_id") REFERENCES "api_key"("id") ON DELETE RESTRICT`);
    await q(`ALTER TABLE "referral_event" ADD CONSTRAINT "FK_referral_event_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS "referral_event" CASCADE`);
    await queryRunner.query(`DROP TABLE IF EXISTS "api_key" CASCADE`);
    await queryRunner.query(`DROP TABLE IF EXISTS "referral_action" CASCADE`);
    await queryRunner.query(`DROP TABLE IF EXISTS "referral_intervention_type" CASCADE`);
    await queryRunner.query(`DROP TABLE IF EXISTS "referral_target_group" CASCADE`);
    await queryRunner.query(`DROP TABLE IF EXISTS "referral" CASCADE`);
    await queryRunner.query(`DROP TABLE IF EXISTS "user_area" CASCADE`);
    await queryRunner.query(`DROP TABLE IF EXISTS "app_user" CASCADE`);
    await queryRunner.query(`DROP TABLE IF EXISTS "service_location" CASCADE`);
    await queryRunner.query(`DROP TABLE IF EXISTS "service_area" CASCADE`);
    await queryRunner.query(`DROP TABLE IF EXISTS "service_intervention_type" CASCADE`);
    await queryRunner.query(`DROP TABLE IF EXISTS "service_target_group" CASCADE`);
    await queryRunner.query(`DROP TABLE IF EXISTS "service_partner" CASCADE`);
    await queryRunner.query(`DROP TABLE IF EXISTS "service" CASCADE`);
    await queryRunner.query(`DROP TABLE IF EXISTS "network_member" CASCADE`);
    await queryRunner.query(`DROP TABLE IF EXISTS "network_target_group" CASCADE`);
    await queryRunner.query(`DROP TABLE IF EXISTS "network_area" CASCADE`);
    await queryRunner.query(`DROP TABLE IF EXISTS "network" CASCADE`);
    await queryRunner.query(`DROP TABLE IF EXISTS "target_group" CASCADE`);
    await queryRunner.query(`DROP TABLE IF EXISTS "location" CASCADE`);
    await queryRunner.query(`DROP TABLE IF EXISTS "key_person_area" CASCADE`);
    await queryRunner.query(`DROP TABLE IF EXISTS "key_person" CASCADE`);
    await queryRunner.query(`DROP TABLE IF EXISTS "key_person_role_organisation" CASCADE`);
    await queryRunner.query(`DROP TABLE IF EXISTS "key_person_role" CASCADE`);
    await queryRunner.query(`DROP TABLE IF EXISTS "organisation_area" CASCADE`);
    await queryRunner.query(`DROP TABLE IF EXISTS "organisation" CASCADE`);
    await queryRunner.query(`DROP TABLE IF EXISTS "key_figure" CASCADE`);
    await queryRunner.query(`DROP TABLE IF EXISTS "intervention_type" CASCADE`);
    await queryRunner.query(`DROP TABLE IF EXISTS "basic_function" CASCADE`);
    await queryRunner.query(`DROP TABLE IF EXISTS "indicator" CASCADE`);
    await queryRunner.query(`DROP TABLE IF EXISTS "area" CASCADE`);
    await queryRunner.query(`DROP TABLE IF EXISTS "access_log" CASCADE`);
  }
}
